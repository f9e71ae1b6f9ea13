import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { http, newEmployer, newWorker, type TestWorker } from '../support/clients.js';
import { hireOn, personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
type Who = 'worker' | 'otherWorker' | 'employer' | 'staff' | 'staffElsewhere' | 'regionAdmin' | 'officer' | 'anonymous';
const EVERYONE: Who[] = ['worker', 'otherWorker', 'employer', 'staff', 'staffElsewhere', 'regionAdmin', 'officer', 'anonymous'];

/** Every role against every case route: who is let in, who is refused, and with which status. */
describe.each(BACKENDS)('cases: every role × every route on %s', (backend) => {
  let app: TestApp;
  let people: Record<Who, { token?: string; id?: string }>;
  let socket: Socket;
  let assignmentId: string;
  let worker: TestWorker;
  let staff: Person;

  beforeAll(async () => {
    app = await startTestApp(backend);
    const employer = await newEmployer(app);
    const h = await hireOn(app, employer, 'welder');
    socket = h.socket;
    worker = h.worker;
    assignmentId = h.assignmentId;
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
    people = {
      worker,
      otherWorker: await newWorker(app),
      employer,
      staff,
      staffElsewhere: await personWith(app, { role: 'staff', marketId: 'lz-qilihe-construction' }),
      regionAdmin: await personWith(app, { role: 'admin', regionCode: '620100' }),
      officer: await personWith(app, { role: 'officer', regionCode: '620100' }),
      anonymous: {},
    };
  });
  afterAll(async () => {
    socket?.disconnect();
    await app?.stop();
  });

  async function statuses(call: (who: Who) => Promise<{ status: number }>, whom = EVERYONE): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const who of whom) out[who] = (await call(who)).status;
    return out;
  }
  const as = (who: Who) => people[who].token;
  const openAbout = () =>
    http(app, 'POST', '/api/cases', {
      token: worker.token,
      body: { kind: 'wage_arrears', marketId: MARKET, description: '欠薪', assignmentId },
    });

  test('GET /api/cases/kinds is public', async () => {
    expect(await statuses((who) => http(app, 'GET', '/api/cases/kinds', { token: as(who) }))).toEqual(
      Object.fromEntries(EVERYONE.map((w) => [w, 200])),
    );
  });

  test('POST /api/cases about the hire: its parties and those serving the market; nobody else', async () => {
    const got = await statuses((who) =>
      http(app, 'POST', '/api/cases', {
        token: as(who),
        body: { kind: 'dispute', marketId: MARKET, description: '关于这次用工', assignmentId },
      }),
    );
    expect(got).toEqual({
      worker: 201,
      otherWorker: 403,
      employer: 201,
      staff: 201,
      staffElsewhere: 403,
      regionAdmin: 201,
      officer: 403,
      anonymous: 401,
    });
    // Without a hire, a worker or employer may always ask for help.
    const plain = await http(app, 'POST', '/api/cases', {
      token: as('otherWorker'),
      body: { kind: 'consultation', marketId: MARKET, description: '怎么办理失业登记' },
    });
    expect(plain.status).toBe(201);
  });

  test('GET /api/cases?marketId=: the market’s staff, the region’s admin and officer', async () => {
    expect(await statuses((who) => http(app, 'GET', `/api/cases?marketId=${MARKET}`, { token: as(who) }))).toEqual({
      worker: 403,
      otherWorker: 403,
      employer: 403,
      staff: 200,
      staffElsewhere: 403,
      regionAdmin: 200,
      officer: 200,
      anonymous: 401,
    });
    expect((await http(app, 'GET', '/api/cases', { token: staff.token })).body.code).toBe('VALIDATION_FAILED');
    expect((await http(app, 'GET', '/api/cases?marketId=nowhere', { token: staff.token })).status).toBe(404);
  });

  test('GET /api/cases?mine=1 lists only one’s own', async () => {
    const c = (await openAbout()).body;
    expect(await statuses((who) => http(app, 'GET', '/api/cases?mine=1', { token: as(who) }))).toEqual({
      worker: 200,
      otherWorker: 200,
      employer: 200,
      staff: 200,
      staffElsewhere: 200,
      regionAdmin: 200,
      officer: 200,
      anonymous: 401,
    });
    const ids = async (who: Who) => (await http(app, 'GET', '/api/cases?mine=1', { token: as(who) })).body.map((x: { id: string }) => x.id);
    expect(await ids('worker')).toContain(c.id);
    expect(await ids('employer')).toContain(c.id);
    expect(await ids('otherWorker')).not.toContain(c.id);
    expect(await ids('staffElsewhere')).toEqual([]);
  });

  test('GET /api/cases/:id: those who oversee the market, the person who opened it, the hire’s other party', async () => {
    const c = (
      await http(app, 'POST', '/api/cases', {
        token: worker.token,
        body: { kind: 'wage_arrears', marketId: MARKET, description: '欠薪', assignmentId, contactPhone: worker.phone },
      })
    ).body;
    expect(await statuses((who) => http(app, 'GET', `/api/cases/${c.id}`, { token: as(who) }))).toEqual({
      worker: 200,
      otherWorker: 403,
      employer: 200,
      staff: 200,
      staffElsewhere: 403,
      regionAdmin: 200,
      officer: 200,
      anonymous: 401,
    });
    const phoneSeenBy = async (who: Who) => (await http(app, 'GET', `/api/cases/${c.id}`, { token: as(who) })).body.contactPhone;
    expect(await phoneSeenBy('worker')).toBe(worker.phone);
    expect(await phoneSeenBy('staff')).toBe(worker.phone);
    expect(await phoneSeenBy('employer')).toBeNull();
    expect(await phoneSeenBy('officer')).toBeNull();
    expect((await http(app, 'GET', '/api/cases/nope', { token: staff.token })).status).toBe(404);
  });

  test('take, notes, outcome, handover and close: refused to everyone but those serving the market, then only to the owner', async () => {
    const c = (await openAbout()).body;
    const refused: Who[] = ['worker', 'otherWorker', 'employer', 'staffElsewhere', 'officer', 'anonymous'];
    const expectRefused = async (method: string, path: string, body: unknown) =>
      expect(await statuses((who) => http(app, method, path, { token: as(who), body }), refused)).toEqual({
        worker: 403,
        otherWorker: 403,
        employer: 403,
        staffElsewhere: 403,
        officer: 403,
        anonymous: 401,
      });
    await expectRefused('POST', `/api/cases/${c.id}/take`, undefined);
    expect((await http(app, 'POST', `/api/cases/${c.id}/take`, { token: staff.token })).status).toBe(200);
    const late = await http(app, 'POST', `/api/cases/${c.id}/take`, { token: as('regionAdmin') });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'CASE_OWNED' });

    await expectRefused('POST', `/api/cases/${c.id}/notes`, { note: '备注' });
    expect((await http(app, 'POST', `/api/cases/${c.id}/notes`, { token: staff.token, body: { note: '已电话联系' } })).status).toBe(200);
    expect((await http(app, 'POST', `/api/cases/${c.id}/notes`, { token: as('regionAdmin'), body: { note: '请加快' } })).status).toBe(200);

    await expectRefused('POST', `/api/cases/${c.id}/outcome`, { type: 'referred_inspection' });
    const notOwner = await http(app, 'POST', `/api/cases/${c.id}/outcome`, {
      token: as('regionAdmin'),
      body: { type: 'referred_inspection' },
    });
    expect({ status: notOwner.status, code: notOwner.body.code }).toEqual({ status: 403, code: 'NOT_CASE_OWNER' });
    expect(
      (await http(app, 'POST', `/api/cases/${c.id}/outcome`, { token: staff.token, body: { type: 'referred_inspection' } })).status,
    ).toBe(200);

    const second = await personWith(app, { role: 'staff', marketId: MARKET });
    await expectRefused('POST', `/api/cases/${c.id}/handover`, { toAccountId: second.id, reason: '轮班' });
    expect(
      (
        await http(app, 'POST', `/api/cases/${c.id}/handover`, {
          token: as('regionAdmin'),
          body: { toAccountId: second.id, reason: '轮班' },
        })
      ).body.code,
    ).toBe('NOT_CASE_OWNER');
    expect(
      (await http(app, 'POST', `/api/cases/${c.id}/handover`, { token: staff.token, body: { toAccountId: second.id, reason: '轮班' } }))
        .status,
    ).toBe(200);

    await expectRefused('POST', `/api/cases/${c.id}/close`, { outcome: '已办结' });
    expect((await http(app, 'POST', `/api/cases/${c.id}/close`, { token: staff.token, body: { outcome: '已办结' } })).body.code).toBe(
      'NOT_CASE_OWNER',
    );
    expect((await http(app, 'POST', `/api/cases/${c.id}/close`, { token: second.token, body: { outcome: '已转劳动监察' } })).status).toBe(
      200,
    );
    const history = (await http(app, 'GET', `/api/cases/${c.id}`, { token: worker.token })).body.history.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toEqual(['opened', 'taken', 'noted', 'noted', 'outcome', 'handed_over', 'closed']);
  });
});
