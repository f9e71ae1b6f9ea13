import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { chinaDateOf } from '../../api/src/calendar/china-date.js';
import { http, newWorker, waitFor } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const OTHER = 'lz-anning-station';

interface Entry {
  type: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

describe.each(BACKENDS)('tools and lockers on %s', (backend) => {
  let app: TestApp;
  let staff: Person;
  let staffElsewhere: Person;
  const today = chinaDateOf(new Date());
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const add = (body: Record<string, unknown>, token = staff.token) => http(app, 'POST', `/api/markets/${MARKET}/lendables`, { token, body });
  const lend = (itemId: string, body: Record<string, unknown>, token = staff.token) =>
    http(app, 'POST', `/api/lendables/${itemId}/loans`, { token, body });
  const ledger = async () =>
    (await http(app, 'GET', `/api/markets/${MARKET}/ledger?date=${today}`, { token: staff.token })).body.entries as Entry[];

  beforeAll(async () => {
    app = await startTestApp(backend, { SERVICES_CHECK_S: '0.2' });
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
    staffElsewhere = await personWith(app, { role: 'staff', marketId: OTHER });
  });
  afterAll(() => app?.stop());

  test('a tool lent, overdue and returned, each once in the work log; the worker sees what they hold', async () => {
    const drill = await add({ kind: 'tool', name: '电锤', deposit: 50 });
    expect(drill.status).toBe(201);
    expect(drill.body).toMatchObject({ marketId: MARKET, kind: 'tool', name: '电锤', deposit: 50, loan: null });
    const worker = await newWorker(app);

    const loan = await lend(drill.body.id, { workerId: worker.id, dueAt: at(1200) });
    expect(loan.status).toBe(201);
    expect(loan.body).toMatchObject({ lendableId: drill.body.id, workerId: worker.id, deposit: 50, returnedAt: null, overdue: false, name: '电锤' });
    const twice = await lend(drill.body.id, { workerId: (await newWorker(app)).id, dueAt: at(3600_000) });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ITEM_OUT');

    const held = await http(app, 'GET', '/api/workers/me/loans', { token: worker.token });
    expect(held.body).toEqual([expect.objectContaining({ id: loan.body.id, name: '电锤', kind: 'tool' })]);
    const items = await http(app, 'GET', `/api/markets/${MARKET}/lendables`, { token: staff.token });
    expect(items.body.find((i: { id: string }) => i.id === drill.body.id).loan).toMatchObject({ id: loan.body.id });

    const overdue = await waitFor(
      async () => (await http(app, 'GET', `/api/markets/${MARKET}/loans?overdue=1`, { token: staff.token })).body.find((l: { id: string }) => l.id === loan.body.id),
      5000,
      'the loan overdue',
    );
    expect(overdue).toMatchObject({ overdue: true, workerName: expect.stringContaining('测试工人') });
    await waitFor(async () => (await ledger()).some((e) => e.type === 'loan_overdue'), 5000, 'loan_overdue logged');
    await new Promise((r) => setTimeout(r, 600));

    const back = await http(app, 'POST', `/api/loans/${loan.body.id}/return`, { token: staff.token, body: { depositRefunded: true } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ depositRefunded: true, returnedBy: staff.id, overdue: false });
    expect((await http(app, 'POST', `/api/loans/${loan.body.id}/return`, { token: staff.token, body: { depositRefunded: true } })).body.code).toBe(
      'LOAN_RETURNED',
    );
    expect((await http(app, 'GET', '/api/workers/me/loans', { token: worker.token })).body).toEqual([]);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/loans?overdue=1`, { token: staff.token })).body).toEqual([]);

    const entries = await waitFor(
      async () => {
        const e = await ledger();
        return e.some((x) => x.type === 'loan_returned') && e;
      },
      5000,
      'loan_returned logged',
    );
    const ofLoan = entries.filter((e) => e.subject === loan.body.id);
    expect(ofLoan.map((e) => e.type)).toEqual(['loan_lent', 'loan_overdue', 'loan_returned']);
    expect(ofLoan[0]).toMatchObject({ actor: staff.id, data: { workerId: worker.id } });
    expect(ofLoan[1]).toMatchObject({ actor: 'system', data: { workerId: worker.id } });
    expect(ofLoan[2]).toMatchObject({ actor: staff.id, data: { workerId: worker.id, depositRefunded: true } });
    const summary = await http(app, 'GET', `/api/markets/${MARKET}/ledger/summary?date=${today}`, { token: staff.token });
    expect(summary.body.loans).toEqual({ lent: 1, returned: 1, overdue: 1 });

    // Back in: it may be lent again.
    expect((await lend(drill.body.id, { workerId: worker.id, dueAt: at(3600_000) })).status).toBe(201);
  });

  test('a locker lent to one worker only, however many ask at once', async () => {
    const locker = await add({ kind: 'locker', name: '3 号柜', deposit: 0 });
    const workers = await Promise.all([1, 2, 3, 4, 5].map(() => newWorker(app)));
    const results = await Promise.all(workers.map((w) => lend(locker.body.id, { workerId: w.id, dueAt: at(8 * 3600_000) })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('ITEM_OUT'));
    const out = await http(app, 'GET', `/api/markets/${MARKET}/loans`, { token: staff.token });
    expect(out.body.filter((l: { lendableId: string }) => l.lendableId === locker.body.id)).toHaveLength(1);
  });

  test('who may do what', async () => {
    const worker = await newWorker(app);
    const item = await add({ kind: 'tool', name: '梯子', deposit: 20 });
    expect((await add({ kind: 'tool', name: 'x', deposit: 1 }, worker.token)).status).toBe(403);
    expect((await add({ kind: 'tool', name: 'x', deposit: 1 }, staffElsewhere.token)).status).toBe(403);
    expect((await add({ kind: 'tool', name: 'x', deposit: 1 }, '')).status).toBe(401);
    expect((await add({ kind: 'bike', name: 'x', deposit: 1 })).body.code).toBe('VALIDATION_FAILED');
    expect((await lend(item.body.id, { workerId: worker.id, dueAt: at(3600_000) }, staffElsewhere.token)).status).toBe(403);
    expect((await lend(item.body.id, { workerId: worker.id, dueAt: at(3600_000) }, worker.token)).status).toBe(403);
    expect((await lend(item.body.id, { workerId: worker.id, dueAt: at(3600_000) }, '')).status).toBe(401);
    expect((await lend(item.body.id, { workerId: worker.id, dueAt: at(-1000) })).body.code).toBe('VALIDATION_FAILED');
    const loan = await lend(item.body.id, { workerId: worker.id, dueAt: at(3600_000) });
    expect(loan.status).toBe(201);
    expect((await http(app, 'POST', `/api/loans/${loan.body.id}/return`, { token: staffElsewhere.token, body: { depositRefunded: true } })).status).toBe(403);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/loans?overdue=1`, { token: worker.token })).status).toBe(403);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/loans`, { token: staffElsewhere.token })).status).toBe(403);
    expect((await http(app, 'GET', '/api/workers/me/loans')).status).toBe(401);
  });
});
