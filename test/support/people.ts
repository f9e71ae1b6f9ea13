import type { Socket } from 'socket.io-client';
import { ScopeRepository } from '../../api/src/access/scope.repository.js';
import { connectCollecting, emitAck, http, newWorker, north, shiftBody, signIn, waitFor, type TestWorker } from './clients.js';
import type { TestApp } from './test-app.js';

export interface Person {
  token: string;
  id: string;
  phone: string;
}

/** A new account holding one scope: staff of a market, or admin / officer of a region. */
export async function personWith(
  app: TestApp,
  scope: { role: 'staff'; marketId: string } | { role: 'admin' | 'officer'; regionCode: string },
): Promise<Person> {
  const { token, accountId, phone } = await signIn(app);
  await new ScopeRepository(app.database.prisma).grant(accountId, {
    role: scope.role,
    marketId: 'marketId' in scope ? scope.marketId : null,
    regionCode: 'regionCode' in scope ? scope.regionCode : null,
  });
  return { token, id: accountId, phone };
}

export interface Hire {
  worker: TestWorker;
  socket: Socket;
  shiftId: string;
  assignmentId: string;
  site: { lat: number; lng: number };
}

/** A worker of a fresh trade hired through the real offer race on a shift of `employer`'s near Lanzhou. */
export async function hireOn(app: TestApp, employer: TestWorker, trade: string, extra: Record<string, unknown> = {}): Promise<Hire> {
  const worker = await newWorker(app, { trades: [trade] });
  const c = await connectCollecting(app, '/worker', { token: worker.token }, ['offer']);
  await emitAck(c.socket, 'presence', { status: 'waiting', location: north(0.2) });
  const site = north(0.1);
  const shift = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade, location: site, ...extra }) });
  if (shift.status !== 201) throw new Error(`shift: ${shift.status} ${JSON.stringify(shift.body)}`);
  const offer = await waitFor(() => c.received.find((e) => e.payload.shift.id === shift.body.id), 5000, 'offer');
  const ack = await emitAck(c.socket, 'offer:accept', { offerId: offer.payload.offerId });
  if (!ack.ok) throw new Error(`accept: ${JSON.stringify(ack)}`);
  return { worker, socket: c.socket, shiftId: shift.body.id, assignmentId: ack.assignment.id, site };
}
