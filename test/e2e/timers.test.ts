import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { connectCollecting, emitAck, http, newEmployer, newWorker, north, shiftBody, waitFor } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

describe.each(BACKENDS)('deadlines and grace periods on %s', (backend) => {
  let app: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await startTestApp(backend, { DISPATCH_OFFER_TTL_S: '2', DISPATCH_FANOUT: '1', PRESENCE_GRACE_S: '1', DISPATCH_SWEEP_S: '0.2' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  async function waiting(trade: string, km: number) {
    const worker = await newWorker(app, { trades: [trade] });
    const c = await connectCollecting(app, '/worker', { token: worker.token }, ['offer', 'offer:withdrawn']);
    sockets.push(c.socket);
    await emitAck(c.socket, 'presence', { status: 'waiting', location: north(km) });
    return { worker, ...c };
  }

  test('an unanswered offer expires at its deadline and the next wave goes to the next worker', async () => {
    const employer = await newEmployer(app);
    const first = await waiting('carpenter', 0.5);
    const second = await waiting('carpenter', 1.5);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'carpenter' }) });
    const offer = await waitFor(() => first.received.find((e) => e.event === 'offer'), 3000, 'first offer');
    expect(second.received.some((e) => e.event === 'offer')).toBe(false);
    const withdrawn = await waitFor(() => first.received.find((e) => e.event === 'offer:withdrawn'), 6000, 'expiry');
    expect(withdrawn.payload).toEqual({ offerId: offer.payload.offerId, reason: 'expired' });
    const next = await waitFor(() => second.received.find((e) => e.event === 'offer'), 6000, 'second wave');
    expect(next.payload.shift.id).toBe(posted.body.id);
    const [won, late] = await Promise.all([
      emitAck(second.socket, 'offer:accept', { offerId: next.payload.offerId }),
      emitAck(first.socket, 'offer:accept', { offerId: offer.payload.offerId }),
    ]);
    expect(won).toMatchObject({ ok: true });
    expect(late).toMatchObject({ ok: false, code: 'OFFER_EXPIRED' });
  });

  test('a worker whose socket dropped stays offerable during the grace period, then counts as offline', async () => {
    const employer = await newEmployer(app);
    const w = await waiting('scaffolder', 1);
    w.socket.disconnect();
    await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'scaffolder', title: '搭架子' }) });
    await waitFor(
      async () => (await app.database.prisma.offer.count({ where: { workerId: w.worker.id } })) === 1,
      3000,
      'offer within grace',
    );

    await new Promise((r) => setTimeout(r, 2500));
    await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({
        trade: 'scaffolder',
        title: '拆架子',
        startsAt: new Date(Date.now() + 30 * 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 34 * 3600_000).toISOString(),
      }),
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(await app.database.prisma.offer.count({ where: { workerId: w.worker.id } })).toBe(1);
  });

  test('a worker who starts waiting after a shift was posted still gets it', async () => {
    const employer = await newEmployer(app);
    const posted = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'landscaper', title: '小区绿化' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const late = await waiting('landscaper', 2);
    const offer = await waitFor(() => late.received.find((e) => e.event === 'offer'), 3000, 'offer to a late arrival');
    expect(offer.payload.shift.id).toBe(posted.body.id);
  });

  test('offers left open on a shift closed long ago (its instance stopped before withdrawing) are withdrawn by the sweep', async () => {
    const employer = await newEmployer(app);
    const w = await waiting('tiler', 0.5);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler' }) });
    const offer = await waitFor(() => w.received.find((e) => e.event === 'offer'), 3000, 'offer');
    // What a hire leaves behind when its instance dies before the withdrawal: filled, offers still open.
    await app.database.prisma.$executeRaw`
      UPDATE "Shift" SET status = 'filled', "closedReason" = 'filled', "updatedAt" = now() - interval '1 minute'
      WHERE id = ${posted.body.id}`;
    const withdrawn = await waitFor(() => w.received.find((e) => e.event === 'offer:withdrawn'), 3000, 'withdrawal');
    expect(withdrawn.payload).toEqual({ offerId: offer.payload.offerId, reason: 'filled' });
    expect(await app.database.prisma.offer.findUnique({ where: { id: offer.payload.offerId }, select: { status: true } })).toEqual({
      status: 'withdrawn',
    });
  });

  test('a shift whose dispatch window has passed expires and leaves the boards', async () => {
    const employer = await newEmployer(app);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'packer', title: '打包' }) });
    const board = await connectCollecting(app, '/board', { marketId: 'lz-chengguan' }, ['board:snapshot', 'shift:closed']);
    sockets.push(board.socket);
    await app.database.prisma.shift.update({
      where: { id: posted.body.id },
      data: { startsAt: new Date(Date.now() - 3 * 3600_000), endsAt: new Date(Date.now() + 3600_000) },
    });
    const closed = await waitFor(
      () => board.received.find((e) => e.event === 'shift:closed' && e.payload.shiftId === posted.body.id),
      3000,
      'expiry',
    );
    expect(closed.payload.reason).toBe('expired');
    const view = await http(app, 'GET', `/api/shifts/${posted.body.id}`);
    expect(view.body.status).toBe('expired');
  });
});
