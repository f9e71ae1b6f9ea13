import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { chinaDateOf } from '../../api/src/calendar/china-date.js';
import { WorkingCalendar } from '../../api/src/calendar/working-calendar.js';
import { connectCollecting, http, newEmployer, newWorker, waitFor, type TestWorker } from '../support/clients.js';
import { hireOn, personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const TRADES = ['electrician', 'plumber', 'carpenter', 'mason', 'painter', 'tiler', 'welder', 'driver', 'loader', 'cleaner'];

// The next working day after today (China time), by the notices alone: configured as a local holiday below.
const defaults = new WorkingCalendar();
const localHoliday = defaults.addWorkingDays(chinaDateOf(new Date()), 1);

describe.each(BACKENDS)('cases under the service rules on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  let staff1: Person;
  let staff2: Person;
  let staffElsewhere: Person;
  const sockets: Socket[] = [];
  let trade = 0;
  const hire = () => hireOn(app, employer, TRADES[trade++ % TRADES.length]).then((h) => (sockets.push(h.socket), h));

  beforeAll(async () => {
    app = await startTestApp(backend, { CALENDAR_EXTRA_HOLIDAYS: localHoliday, CASE_OVERDUE_CHECK_S: '0.2' });
    employer = await newEmployer(app);
    staff1 = await personWith(app, { role: 'staff', marketId: MARKET });
    staff2 = await personWith(app, { role: 'staff', marketId: MARKET });
    staffElsewhere = await personWith(app, { role: 'staff', marketId: 'lz-qilihe-construction' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  test('GET /api/cases/kinds: every kind with its time limit and a full checklist in both languages (public)', async () => {
    const res = await http(app, 'GET', '/api/cases/kinds');
    expect(res.status).toBe(200);
    expect(res.body.map((k: { kind: string; timeLimitDays: number }) => [k.kind, k.timeLimitDays])).toEqual([
      ['consultation', 1],
      ['complaint', 5],
      ['wage_arrears', 5],
      ['dispute', 5],
      ['injury', 3],
    ]);
    for (const k of res.body) {
      expect(k.checklist.length).toBeGreaterThan(3);
      expect(k.checklistEn).toHaveLength(k.checklist.length);
    }
    expect(res.body[2].checklist.join()).toContain('身份证件');
  });

  test('a worker opens a case about their hire with its evidence; due at 23:59:59 China time after the weekend and the local holiday', async () => {
    const h = await hire();
    const res = await http(app, 'POST', '/api/cases', {
      token: h.worker.token,
      body: {
        kind: 'wage_arrears',
        marketId: MARKET,
        description: '工资还差两天没结',
        assignmentId: h.assignmentId,
        contactPhone: h.worker.phone,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'wage_arrears', marketId: MARKET, status: 'open', ownerId: null, timeLimitDays: 5 });
    expect(res.body.history).toEqual([{ at: res.body.createdAt, action: 'opened', by: h.worker.id }]);
    expect(res.body.checklist.length).toBeGreaterThan(3);
    expect(res.body.evidence).toMatchObject({ assignmentId: h.assignmentId, wage: { amount: 300, unit: 'day' }, status: 'hired' });
    expect(res.body.evidence.shift.id).toBe(h.shiftId);
    // Five working days span a weekend, and the configured holiday is the first of them: six by the notices alone.
    const day = chinaDateOf(new Date(res.body.createdAt));
    const due = defaults.addWorkingDays(day, 6);
    expect(res.body.dueAt).toBe(new Date(Date.parse(`${due}T23:59:59+08:00`)).toISOString());
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.createdAt)).toBeGreaterThan(7 * 86_400_000);

    const other = await newWorker(app);
    const refused = await http(app, 'POST', '/api/cases', {
      token: other.token,
      body: { kind: 'dispute', marketId: MARKET, description: '别人的工作', assignmentId: h.assignmentId },
    });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const unknown = await http(app, 'POST', '/api/cases', {
      token: h.worker.token,
      body: { kind: 'dispute', marketId: MARKET, description: 'x', assignmentId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    const bad = await http(app, 'POST', '/api/cases', {
      token: h.worker.token,
      body: { kind: 'theft', marketId: MARKET, description: 'x' },
    });
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const mine = await http(app, 'GET', '/api/cases?mine=1', { token: h.worker.token });
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  test('首问负责: two staff taking at once leave exactly one owner; the other hears 409 CASE_OWNED', async () => {
    const worker = await newWorker(app);
    for (let round = 0; round < 4; round += 1) {
      const opened = await http(app, 'POST', '/api/cases', {
        token: worker.token,
        body: { kind: 'consultation', marketId: MARKET, description: `问题 ${round}` },
      });
      const takes = await Promise.all(
        [staff1, staff2].map((s) => http(app, 'POST', `/api/cases/${opened.body.id}/take`, { token: s.token })),
      );
      expect(takes.map((t) => t.status).sort()).toEqual([200, 409]);
      const won = takes.find((t) => t.status === 200)!;
      expect(takes.find((t) => t.status === 409)!.body.code).toBe('CASE_OWNED');
      const stored = await app.database.prisma.case.findUniqueOrThrow({ where: { id: opened.body.id }, include: { events: true } });
      expect(stored.ownerId).toBe(won.body.ownerId);
      expect(stored.events.filter((e) => e.action === 'taken')).toHaveLength(1);
      expect(won.body).toMatchObject({ status: 'in_progress', history: [{ action: 'opened' }, { action: 'taken', by: won.body.ownerId }] });
    }
  });

  test('handover only to staff of the same market with a reason; only the owner closes; closed stays closed', async () => {
    const worker = await newWorker(app);
    const c = (
      await http(app, 'POST', '/api/cases', {
        token: worker.token,
        body: { kind: 'complaint', marketId: MARKET, description: '招工信息与实际不符' },
      })
    ).body;
    await http(app, 'POST', `/api/cases/${c.id}/take`, { token: staff1.token });
    const notOwner = await http(app, 'POST', `/api/cases/${c.id}/handover`, {
      token: staff2.token,
      body: { toAccountId: staff1.id, reason: '换班' },
    });
    expect({ status: notOwner.status, code: notOwner.body.code }).toEqual({ status: 403, code: 'NOT_CASE_OWNER' });
    const elsewhere = await http(app, 'POST', `/api/cases/${c.id}/handover`, {
      token: staff1.token,
      body: { toAccountId: staffElsewhere.id, reason: '换班' },
    });
    expect({ status: elsewhere.status, field: elsewhere.body.details?.[0]?.field }).toEqual({ status: 400, field: 'toAccountId' });
    const noReason = await http(app, 'POST', `/api/cases/${c.id}/handover`, { token: staff1.token, body: { toAccountId: staff2.id } });
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    const blank = await http(app, 'POST', `/api/cases/${c.id}/handover`, {
      token: staff1.token,
      body: { toAccountId: staff2.id, reason: '  ' },
    });
    expect(blank.body.code).toBe('VALIDATION_FAILED');
    const handed = await http(app, 'POST', `/api/cases/${c.id}/handover`, {
      token: staff1.token,
      body: { toAccountId: staff2.id, reason: '下午轮班' },
    });
    expect(handed.status).toBe(200);
    expect(handed.body.ownerId).toBe(staff2.id);
    expect(handed.body.history.at(-1)).toMatchObject({ action: 'handed_over', by: staff1.id, toAccountId: staff2.id, note: '下午轮班' });

    expect((await http(app, 'POST', `/api/cases/${c.id}/close`, { token: staff1.token, body: { outcome: '已处理' } })).body.code).toBe(
      'NOT_CASE_OWNER',
    );
    const closed = await http(app, 'POST', `/api/cases/${c.id}/close`, {
      token: staff2.token,
      body: { outcome: '已联系用工单位更正招工信息' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: '已联系用工单位更正招工信息', overdue: false });
    expect(closed.body.history.map((e: { action: string }) => e.action)).toEqual(['opened', 'taken', 'handed_over', 'closed']);
    const again = await http(app, 'POST', `/api/cases/${c.id}/close`, { token: staff2.token, body: { outcome: '再次' } });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CASE_CLOSED' });
    expect((await http(app, 'POST', `/api/cases/${c.id}/take`, { token: staff1.token })).body.code).toBe('CASE_CLOSED');
    expect((await http(app, 'POST', `/api/cases/${c.id}/notes`, { token: staff2.token, body: { note: '补充' } })).body.code).toBe(
      'CASE_CLOSED',
    );
    const list = await http(app, 'GET', `/api/cases?marketId=${MARKET}&status=closed`, { token: staff1.token });
    expect(list.body.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(list.body.every((x: { status: string }) => x.status === 'closed')).toBe(true);
  });

  test('staff at the window own the case at once', async () => {
    const res = await http(app, 'POST', '/api/cases', {
      token: staff1.token,
      body: { kind: 'injury', marketId: MARKET, description: '来电：工地摔伤，左臂骨折', contactPhone: '13800001111' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      ownerId: staff1.id,
      openedByRole: 'staff',
      timeLimitDays: 3,
      contactPhone: '13800001111',
    });
    expect(res.body.history.map((e: { action: string }) => e.action)).toEqual(['opened', 'taken']);
  });

  test('a wrong no-show reversed: the hire is completed and the worker’s reliability restored, in one step; wage paid; referral recorded', async () => {
    const h = await hire();
    await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 600_000) } });
    const marked = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, {
      token: employer.token,
      body: { status: 'no_show' },
    });
    expect(marked.body.status).toBe('no_show');
    const profile = () => app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } });
    expect(await profile()).toMatchObject({ noShowCount: 1, completedCount: 0 });

    const employerSide = await connectCollecting(app, '/employer', { token: employer.token }, ['case:updated']);
    const workerSide = await connectCollecting(app, '/worker', { token: h.worker.token }, ['case:updated']);
    sockets.push(employerSide.socket, workerSide.socket);
    const c = (
      await http(app, 'POST', '/api/cases', {
        token: h.worker.token,
        body: { kind: 'dispute', marketId: MARKET, description: '我到了现场并签到，却被记为未到岗', assignmentId: h.assignmentId },
      })
    ).body;
    await waitFor(
      () => employerSide.received.find((e) => e.payload.caseId === c.id && e.payload.action === 'opened'),
      3000,
      'employer told',
    );
    const notOwner = await http(app, 'POST', `/api/cases/${c.id}/outcome`, { token: staff1.token, body: { type: 'no_show_reversed' } });
    expect(notOwner.body.code).toBe('NOT_CASE_OWNER');
    await http(app, 'POST', `/api/cases/${c.id}/take`, { token: staff1.token });
    await waitFor(() => workerSide.received.find((e) => e.payload.caseId === c.id && e.payload.action === 'taken'), 3000, 'worker told');
    expect(employerSide.received.find((e) => e.payload.action === 'taken')?.payload).toEqual({
      caseId: c.id,
      status: 'in_progress',
      action: 'taken',
    });

    const reversed = await http(app, 'POST', `/api/cases/${c.id}/outcome`, {
      token: staff1.token,
      body: { type: 'no_show_reversed', note: '签到记录在现场 100 米内' },
    });
    expect(reversed.status).toBe(200);
    expect(reversed.body.outcomes).toEqual([
      expect.objectContaining({ type: 'no_show_reversed', by: staff1.id, note: '签到记录在现场 100 米内' }),
    ]);
    expect(await profile()).toMatchObject({ noShowCount: 0, completedCount: 1 });
    expect((await app.database.prisma.assignment.findUniqueOrThrow({ where: { id: h.assignmentId } })).status).toBe('completed');
    const twice = await http(app, 'POST', `/api/cases/${c.id}/outcome`, { token: staff1.token, body: { type: 'no_show_reversed' } });
    expect(twice.body.code).toBe('ASSIGNMENT_NOT_ACTIVE');
    expect(await profile()).toMatchObject({ noShowCount: 0, completedCount: 1 });

    await http(app, 'POST', `/api/cases/${c.id}/outcome`, { token: staff1.token, body: { type: 'wage_paid' } });
    expect((await app.database.prisma.assignment.findUniqueOrThrow({ where: { id: h.assignmentId } })).paidConfirmed).toBe(true);
    const referred = await http(app, 'POST', `/api/cases/${c.id}/outcome`, { token: staff1.token, body: { type: 'referred_arbitration' } });
    expect(referred.body.outcomes.map((o: { type: string }) => o.type)).toEqual(['no_show_reversed', 'wage_paid', 'referred_arbitration']);
    await http(app, 'POST', `/api/cases/${c.id}/close`, { token: staff1.token, body: { outcome: '已撤销未到岗记录' } });
    await waitFor(() => workerSide.received.find((e) => e.payload.action === 'closed'), 3000, 'worker told of closing');
    expect(workerSide.received.map((e) => e.payload.action)).toEqual(['opened', 'taken', 'outcome', 'outcome', 'outcome', 'closed']);
  });

  test('a dispute opened on the phone becomes a dispute case at the shift’s market, the endpoint’s answer unchanged', async () => {
    const h = await hire();
    const d = await http(app, 'POST', `/api/assignments/${h.assignmentId}/dispute`, {
      token: h.worker.token,
      body: { description: '约定 300 元只给了 200 元' },
    });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ status: 'open', openedByRole: 'worker', evidence: { wage: { amount: 300, unit: 'day' } } });
    const found = await waitFor(
      async () =>
        (await http(app, 'GET', '/api/cases?mine=1', { token: h.worker.token })).body.find(
          (c: { assignmentId: string }) => c.assignmentId === h.assignmentId,
        ),
      5000,
      'the dispute as a case',
    );
    expect(found).toMatchObject({
      kind: 'dispute',
      marketId: MARKET,
      status: 'open',
      description: '约定 300 元只给了 200 元',
      openedBy: h.worker.id,
    });
    expect(found.evidence.shift.id).toBe(h.shiftId);
    const again = await http(app, 'POST', `/api/assignments/${h.assignmentId}/dispute`, {
      token: h.worker.token,
      body: { description: '再次' },
    });
    expect(again.body.id).toBe(d.body.id);
    // A case about a hire may leave out the market: the shift's is taken, as for disputes.
    const noMarket = await http(app, 'POST', '/api/cases', {
      token: employer.token,
      body: { kind: 'complaint', description: '工人提前离场', assignmentId: h.assignmentId },
    });
    expect(noMarket.body).toMatchObject({ marketId: MARKET, openedByRole: 'employer', assignmentId: h.assignmentId });
    const withoutEither = await http(app, 'POST', '/api/cases', { token: employer.token, body: { kind: 'complaint', description: 'x' } });
    expect(withoutEither.body.details[0].field).toBe('marketId');
    const employerView = await http(app, 'GET', `/api/cases/${found.id}`, { token: employer.token });
    expect(employerView.status).toBe(200);
    expect(await app.database.prisma.case.count({ where: { assignmentId: h.assignmentId, kind: 'dispute' } })).toBe(1);
  });

  test('overdue: past its due time a case is listed as overdue and escalated once', async () => {
    // The market's region admin follows its cases on the /staff console: opened, and escalated when overdue.
    const admin = await personWith(app, { role: 'admin', regionCode: '620100' });
    const desk = await connectCollecting(app, '/staff', { token: admin.token }, ['case:changed']);
    sockets.push(desk.socket);
    const worker = await newWorker(app);
    const c = (
      await http(app, 'POST', '/api/cases', {
        token: worker.token,
        body: { kind: 'consultation', marketId: MARKET, description: '社保怎么交' },
      })
    ).body;
    await waitFor(async () => desk.received.some((e) => e.payload.caseId === c.id), 5000, 'case:changed on opening');
    const heardBefore = desk.received.filter((e) => e.payload.caseId === c.id).length;
    expect(
      (await http(app, 'GET', `/api/cases?marketId=${MARKET}&overdue=1`, { token: staff1.token })).body.map((x: { id: string }) => x.id),
    ).not.toContain(c.id);
    await app.database.prisma.case.update({ where: { id: c.id }, data: { dueAt: new Date(Date.now() - 1000) } });
    const escalated = await waitFor(
      async () => {
        const one = (await http(app, 'GET', `/api/cases/${c.id}`, { token: staff1.token })).body;
        return one.history.some((e: { action: string }) => e.action === 'overdue') && one;
      },
      5000,
      'escalation',
    );
    expect(escalated.overdue).toBe(true);
    await waitFor(async () => desk.received.filter((e) => e.payload.caseId === c.id).length > heardBefore, 5000, 'case:changed on escalation');
    expect(desk.received.at(-1)?.payload).toEqual({ caseId: c.id, marketId: MARKET });
    expect(escalated.history.at(-1)).toMatchObject({ action: 'overdue', by: 'system' });
    const overdue = await http(app, 'GET', `/api/cases?marketId=${MARKET}&overdue=1`, { token: staff1.token });
    expect(overdue.body.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(overdue.body.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    await new Promise((r) => setTimeout(r, 600)); // three more checks
    const after = await app.database.prisma.caseEvent.count({ where: { caseId: c.id, action: 'overdue' } });
    expect(after).toBe(1);
    // The ledger records the escalation once, by the system.
    const logged = await http(app, 'GET', `/api/markets/${MARKET}/ledger`, { token: staff1.token });
    const overdueEntries = logged.body.entries.filter(
      (e: { type: string; subject: string }) => e.type === 'case_overdue' && e.subject === c.id,
    );
    expect(overdueEntries).toEqual([expect.objectContaining({ actor: 'system', data: { kind: 'consultation' } })]);
  });
});
