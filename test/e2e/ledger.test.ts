import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PrismaPg } from '@prisma/adapter-pg';
import { chinaDateOf } from '../../api/src/calendar/china-date.js';
import { PrismaClient } from '../../api/src/database/prisma.js';
import { DomainEvents } from '../../api/src/events/domain-events.js';
import { LedgerRepository } from '../../api/src/ledger/ledger.repository.js';
import { http, newEmployer, newWorker, shiftBody, waitFor, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const ZEROS = '0'.repeat(64);

interface Entry {
  seq: number;
  at: string;
  type: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The protocol's hash, computed here from the export alone, as anyone holding it would. */
const hashOf = (e: Entry) =>
  createHash('sha256')
    .update(`${e.prevHash}\n${JSON.stringify({ seq: e.seq, at: e.at, type: e.type, actor: e.actor, subject: e.subject, data: e.data })}`)
    .digest('hex');

describe.each(BACKENDS)('the work log on %s', (backend) => {
  let app: TestApp;
  let staff: Person;
  let employer: TestWorker;
  const today = chinaDateOf(new Date());
  const ledger = (marketId = MARKET, token = staff.token, query = '') =>
    http(app, 'GET', `/api/markets/${marketId}/ledger?date=${today}${query}`, { token });

  beforeAll(async () => {
    app = await startTestApp(backend);
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
    employer = await newEmployer(app);
  });
  afterAll(() => app?.stop());

  test('a shift posted and a case opened, taken and closed are logged in a chain anyone can recompute', async () => {
    const shift = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ marketId: MARKET, headcount: 3 }) });
    expect(shift.status).toBe(201);
    const worker = await newWorker(app);
    const c = (
      await http(app, 'POST', '/api/cases', {
        token: worker.token,
        body: { kind: 'complaint', marketId: MARKET, description: `老板电话 ${worker.phone} 打不通`, contactPhone: worker.phone },
      })
    ).body;
    await http(app, 'POST', `/api/cases/${c.id}/take`, { token: staff.token });
    await http(app, 'POST', `/api/cases/${c.id}/notes`, { token: staff.token, body: { note: `已拨打 ${worker.phone}` } });
    await http(app, 'POST', `/api/cases/${c.id}/close`, { token: staff.token, body: { outcome: '已调解' } });

    const day = await waitFor(
      async () => {
        const res = await ledger();
        return res.body.entries?.some((e: Entry) => e.type === 'case_closed') && res.body;
      },
      5000,
      'the case closed in the log',
    );
    expect(day).toMatchObject({ marketId: MARKET, date: today });
    const entries: Entry[] = day.entries;
    expect(entries.map((e) => e.type)).toEqual(['shift_posted', 'case_opened', 'case_taken', 'case_noted', 'case_closed']);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]).toMatchObject({
      actor: employer.id,
      subject: shift.body.id,
      prevHash: ZEROS,
      data: { headcount: 3, trade: 'electrician' },
    });
    expect(entries[1]).toMatchObject({ actor: worker.id, subject: c.id, data: { kind: 'complaint' } });
    expect(entries[2].actor).toBe(staff.id);
    expect(entries[4].data).toMatchObject({ outcome: '已调解' });
    for (const [i, e] of entries.entries()) {
      expect(e.hash).toBe(hashOf(e));
      if (i > 0) expect(e.prevHash).toBe(entries[i - 1].hash);
    }
    // No phone number anywhere in the log, though the note had one.
    expect(JSON.stringify(entries)).not.toContain(worker.phone);
    expect(JSON.stringify(entries)).not.toContain(employer.phone);

    const csv = await ledger(MARKET, staff.token, '&format=csv');
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,type,actor,subject,data,prevHash,hash');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`,shift_posted,${employer.id},${shift.body.id},`);
    expect(lines[1].endsWith(`,${ZEROS},${entries[0].hash}`)).toBe(true);

    const summary = await http(app, 'GET', `/api/markets/${MARKET}/ledger/summary?date=${today}`, { token: staff.token });
    expect(summary.body).toEqual({
      marketId: MARKET,
      date: today,
      shiftsPosted: 1,
      positions: 3,
      hires: 0,
      assistedHires: 0,
      walkIns: 0,
      casesOpened: 1,
      casesClosed: 1,
      casesOverdue: 0,
      trainingsPublished: 0,
      loans: { lent: 0, returned: 0, overdue: 0 },
      guidance: { booked: 0, attended: 0 },
    });
    expect((await http(app, 'GET', `/api/markets/${MARKET}/ledger?date=2020-01-01`, { token: staff.token })).body.entries).toEqual([]);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/ledger?date=2026-13-40`, { token: staff.token })).status).toBe(400);
  });

  test('hires, walk-ins and trainings from their events are counted in the summary', async () => {
    const events = app.app.get(DomainEvents);
    const market = 'lz-xigu-station';
    const xiguStaff = await personWith(app, { role: 'staff', marketId: market });
    events.publish('assignment.hired', { assignmentId: 'a1', shiftId: 's1', workerId: 'w1', marketId: market, assistedBy: null });
    events.publish('assignment.hired', { assignmentId: 'a2', shiftId: 's1', workerId: 'w2', marketId: market, assistedBy: xiguStaff.id });
    events.publish('walkin.registered', { marketId: market, workerId: 'w2', ticket: 'A001', actorId: xiguStaff.id });
    events.publish('training.published', { trainingId: 't1', marketId: market, regionCode: '620104', actorId: xiguStaff.id });
    const summary = await waitFor(
      async () => {
        const s = (await http(app, 'GET', `/api/markets/${market}/ledger/summary`, { token: xiguStaff.token })).body;
        return s.trainingsPublished === 1 && s;
      },
      5000,
      'summary',
    );
    expect(summary).toMatchObject({ hires: 2, assistedHires: 1, walkIns: 1, trainingsPublished: 1 });
  });

  test('changing a stored entry is found at that entry', async () => {
    const before = await http(app, 'GET', `/api/markets/${MARKET}/ledger/verify`, { token: staff.token });
    expect(before.body).toEqual({ ok: true, entries: 5 });
    await app.database.prisma
      .$executeRaw`UPDATE "LedgerEntry" SET data = ${'{"kind":"wage_arrears"}'} WHERE "marketId" = ${MARKET} AND seq = 2`;
    const after = await http(app, 'GET', `/api/markets/${MARKET}/ledger/verify`, { token: staff.token });
    expect(after.body).toEqual({ ok: false, firstBroken: 2 });
  });

  test('50 appends at once, from two clients, get consecutive seq and a sound chain', async () => {
    const market = 'lz-anning-station';
    const second =
      backend === 'postgres'
        ? new PrismaClient({ adapter: new PrismaPg({ connectionString: app.config.databaseUrl!, max: 10 }) })
        : app.database.prisma;
    try {
      const repos = [new LedgerRepository(app.database.prisma), new LedgerRepository(second)];
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          repos[i % 2].append(market, [{ at: new Date(), type: 'case_noted', actor: 'system', subject: `c${i}`, data: { i } }]),
        ),
      );
    } finally {
      if (second !== app.database.prisma) await second.$disconnect();
    }
    const region = await personWith(app, { role: 'admin', regionCode: '620100' });
    const verified = await http(app, 'GET', `/api/markets/${market}/ledger/verify`, { token: region.token });
    expect(verified.body).toEqual({ ok: true, entries: 50 });
    const rows = await app.database.prisma.ledgerEntry.findMany({ where: { marketId: market }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.subject)).size).toBe(50);
  });

  test('who may read a market’s log: its staff, admins and officers of its region; nobody else', async () => {
    const worker = await newWorker(app);
    const elsewhere = await personWith(app, { role: 'staff', marketId: 'lz-qilihe-construction' });
    const regionAdmin = await personWith(app, { role: 'admin', regionCode: '620100' });
    const officer = await personWith(app, { role: 'officer', regionCode: '620000' });
    const farAdmin = await personWith(app, { role: 'admin', regionCode: '620500' });
    const cases: Array<[string, string | undefined, number]> = [
      ['anonymous', undefined, 401],
      ['worker', worker.token, 403],
      ['employer', employer.token, 403],
      ['staff of another market', elsewhere.token, 403],
      ['admin of another region', farAdmin.token, 403],
      ['staff of the market', staff.token, 200],
      ['admin of its region', regionAdmin.token, 200],
      ['officer of its province', officer.token, 200],
    ];
    for (const path of ['', '/verify', '/summary']) {
      for (const [who, token, status] of cases) {
        const res = await http(app, 'GET', `/api/markets/${MARKET}/ledger${path}`, { token });
        expect({ who, path, status: res.status }).toEqual({ who, path, status });
      }
    }
    expect((await http(app, 'GET', '/api/markets/nowhere/ledger', { token: regionAdmin.token })).status).toBe(404);
  });
});
