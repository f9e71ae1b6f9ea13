import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { io } from 'socket.io-client';
import { http, newEmployer, newWorker, nextPhone, north, shiftBody, signIn, waitFor } from '../support/clients.js';
import { hireOn, personWith } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const OPENAPI = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
};

/**
 * PIPL: nothing public carries a phone number or a personal name. People with known names and phones
 * are created (workers, a walk-in, an employer's contact, a case's contact); then every route of the
 * OpenAPI document is called without a token, and a /board socket records every event while they act.
 * One backend: the question is what the API shows, not how the database stores it.
 */
describe('no phone or personal name in anything public (pglite)', () => {
  let app: TestApp;
  const names = ['欧阳秀英', '司马建国', '诸葛大爷', '上官联系'];
  const phones: string[] = [];
  const ids: Record<string, string> = {};
  const events: Array<{ event: string; payload: unknown }> = [];
  const sockets: Array<{ disconnect(): unknown }> = [];

  beforeAll(async () => {
    app = await startTestApp('pglite');
    const board = io(`${app.url}/board`, { auth: { marketId: MARKET }, transports: ['websocket'], forceNew: true, reconnection: false });
    board.onAny((event: string, payload: unknown) => events.push({ event, payload }));
    await new Promise<void>((resolve, reject) => board.once('connect', () => resolve()).once('connect_error', reject));
    sockets.push(board);

    const employer = await newEmployer(app, '阳光建筑劳务公司');
    await http(app, 'POST', '/api/employers/me', { token: employer.token, body: { name: '阳光建筑劳务公司', contactName: names[3] } });
    phones.push(employer.phone);
    const worker = await newWorker(app, { name: names[0], trades: ['mover'] });
    phones.push(worker.phone);
    const h = await hireOn(app, employer, 'electrician', { marketId: MARKET });
    sockets.push(h.socket);
    await app.database.prisma.workerProfile.update({ where: { id: h.worker.id }, data: { name: names[1] } });
    phones.push(h.worker.phone);
    Object.assign(ids, { shift: h.shiftId, assignment: h.assignmentId, worker: h.worker.id });

    const staff = await personWith(app, { role: 'staff', marketId: MARKET });
    phones.push(staff.phone);
    const walkInPhone = nextPhone();
    phones.push(walkInPhone);
    const walkIn = await http(app, 'POST', '/api/staff/walk-ins', {
      token: staff.token,
      body: { marketId: MARKET, name: names[2], trades: ['cleaner'], phone: walkInPhone, birthYear: 1960 },
    });
    expect(walkIn.status).toBe(201);
    ids.walkIn = walkIn.body.workerId;
    // A shift for the walk-in's trade: the board calls the ticket, the console gets the offer.
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'cleaner', marketId: MARKET, location: north(0.3) }) });
    ids.openShift = posted.body.id;
    await waitFor(() => events.find((e) => e.event === 'ticket:called'), 10_000, 'ticket call');
    const offer = await app.database.prisma.offer.findFirstOrThrow({ where: { shiftId: posted.body.id } });
    ids.offer = offer.id;

    const contactPhone = nextPhone();
    phones.push(contactPhone);
    const opened = await http(app, 'POST', '/api/cases', {
      token: staff.token,
      body: { kind: 'consultation', marketId: MARKET, description: '咨询工资', contactPhone },
    });
    expect(opened.status).toBe(201);
    ids.case = opened.body.id;
    const someone = await signIn(app);
    phones.push(someone.phone);
    await waitFor(() => events.some((e) => e.event === 'shift:opened'), 5_000, 'board delta');
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.stop();
  });

  function pathFor(template: string): string {
    return template
      .replace('/api/shifts/{id}', `/api/shifts/${ids.shift}`)
      .replace('/api/offers/{id}', `/api/offers/${ids.offer}`)
      .replace('/api/assignments/{id}', `/api/assignments/${ids.assignment}`)
      .replace('/api/markets/{id}', `/api/markets/${MARKET}`)
      .replace('/api/cases/{id}', `/api/cases/${ids.case}`)
      .replace('{accountId}', ids.worker)
      .replace('{workerId}', ids.walkIn);
  }

  const QUERY: Record<string, string> = { marketId: MARKET, regionCode: '620000', scope: 'all', role: 'staff' };

  test('every route of the OpenAPI document, called without a token, and every /board event', async () => {
    const calls: string[] = [];
    const leaks: string[] = [];
    const check = (where: string, body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
      for (const needle of [...phones, ...names]) if (text.includes(needle)) leaks.push(`${where}: ${needle}`);
    };
    for (const [template, operations] of Object.entries(OPENAPI.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const query = new URLSearchParams();
        for (const p of op.parameters ?? []) if (p.in === 'query' && QUERY[p.name]) query.set(p.name, QUERY[p.name]);
        const variants = [query.toString()];
        if ((op.parameters ?? []).some((p) => p.name === 'format')) variants.push(`${query.toString()}&format=csv`);
        for (const q of variants) {
          const url = `${pathFor(template)}${q ? `?${q}` : ''}`;
          const res = await http(app, method.toUpperCase(), url, method === 'get' || method === 'delete' ? {} : { body: {} });
          expect(res.status).toBeLessThan(500);
          calls.push(`${method.toUpperCase()} ${url} → ${res.status}`);
          check(`${method.toUpperCase()} ${url}`, res.body);
        }
      }
    }
    for (const e of events) check(`/board ${e.event}`, e.payload);
    expect(calls.length).toBeGreaterThanOrEqual(Object.keys(OPENAPI.paths).length);
    // The public reads really answered (and so were really scanned).
    expect(calls).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^GET /api/shifts/${ids.shift} → 200`))]));
    expect(calls).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/api\/shifts\?marketId=.* → 200/)]));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['board:snapshot', 'shift:opened', 'ticket:called']));
    expect(leaks).toEqual([]);
  });
});
