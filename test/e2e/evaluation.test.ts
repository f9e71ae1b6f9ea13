import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DomainEvents } from '../../api/src/events/domain-events.js';
import { DEFAULT_THRESHOLDS } from '../../api/src/evaluation/thresholds.js';
import { http, newEmployer, newWorker, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

describe.each(BACKENDS)('operator evaluation on %s', (backend) => {
  let app: TestApp;
  let provinceOfficer: Person;
  let cityAdmin: Person;
  let tianshuiOfficer: Person;
  let employer: TestWorker;
  const prisma = () => app.database.prisma;

  async function market(
    regionCode: string,
    operator: 'hrss' | 'contracted' | 'co_branded',
    staff: number,
    at = { lat: 36.33, lng: 103.95 },
  ) {
    const id = `test-${randomUUID().slice(0, 8)}`;
    await prisma().market.create({
      data: {
        id,
        name: `测试市场 ${id}`,
        nameEn: `Test market ${id}`,
        kind: 'station',
        operator,
        regionCode,
        lat: at.lat,
        lng: at.lng,
        address: '测试地址',
        hours: '08:00-17:00',
        hotline: '0931-0000000',
        complaintChannel: '0931-0000001',
        services: [],
      },
    });
    const people: Person[] = [];
    for (let i = 0; i < staff; i += 1) people.push(await personWith(app, { role: 'staff', marketId: id }));
    return { id, staff: people };
  }

  const thresholds = (token: string, regionCode: string) =>
    http(app, 'GET', `/api/evaluation/thresholds?regionCode=${regionCode}`, { token });
  const put = (token: string, regionCode: string, body: Record<string, unknown>) =>
    http(app, 'PUT', '/api/evaluation/thresholds', { token, body: { regionCode, thresholds: body } });
  const run = (token: string, regionCode: string, period: string) =>
    http(app, 'POST', '/api/evaluation/runs', { token, body: { regionCode, period } });

  beforeAll(async () => {
    app = await startTestApp(backend);
    provinceOfficer = await personWith(app, { role: 'officer', regionCode: '620000' });
    cityAdmin = await personWith(app, { role: 'admin', regionCode: '620100' });
    tianshuiOfficer = await personWith(app, { role: 'officer', regionCode: '620500' });
    employer = await newEmployer(app);
  });

  afterAll(async () => {
    await app.stop();
  });

  test('thresholds: defaults, inherited from the city, overridden by the county, metric by metric', async () => {
    const fresh = await thresholds(provinceOfficer.token, '620121');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({
      regionCode: '620121',
      thresholds: DEFAULT_THRESHOLDS,
      sources: { fillRate: null, timeToFillP50Min: null, casesClosedInTimeRate: null, overdueCases: null, servedPerStaff: null },
    });

    const city = await put(cityAdmin.token, '620100', { fillRate: { pass: 0.7, fail: 0.4 }, overdueCases: { pass: 1, fail: 5 } });
    expect(city.status).toBe(200);
    expect(city.body.thresholds.fillRate).toEqual({ pass: 0.7, fail: 0.4 });

    const county = (await thresholds(provinceOfficer.token, '620121')).body;
    expect(county.thresholds).toEqual({ ...DEFAULT_THRESHOLDS, fillRate: { pass: 0.7, fail: 0.4 }, overdueCases: { pass: 1, fail: 5 } });
    expect(county.sources).toMatchObject({ fillRate: '620100', overdueCases: '620100', servedPerStaff: null });

    // The county sets its own fill rate: the rest still comes from the city (and the defaults).
    const own = await put(provinceOfficer.token, '620121', { fillRate: { pass: 0.9, fail: 0.6 } });
    expect(own.status).toBe(200);
    expect(own.body.thresholds).toMatchObject({ fillRate: { pass: 0.9, fail: 0.6 }, overdueCases: { pass: 1, fail: 5 } });
    expect(own.body.sources).toMatchObject({ fillRate: '620121', overdueCases: '620100' });
    expect((await thresholds(cityAdmin.token, '620100')).body.thresholds.fillRate).toEqual({ pass: 0.7, fail: 0.4 });
    // Another city's county is untouched.
    expect((await thresholds(provinceOfficer.token, '620502')).body.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  test('thresholds: who may read and set them, and what is refused', async () => {
    const worker = await newWorker(app, { trades: ['mason'] });
    expect((await http(app, 'GET', '/api/evaluation/thresholds?regionCode=620100')).status).toBe(401);
    expect((await thresholds(worker.token, '620100')).status).toBe(403);
    expect((await thresholds(tianshuiOfficer.token, '620100')).status).toBe(403);
    const staff = await personWith(app, { role: 'staff', marketId: 'lz-chengguan' });
    expect((await thresholds(staff.token, '620102')).status).toBe(403);
    // A city admin sets their city and below, never the province above it.
    expect((await put(cityAdmin.token, '620000', { fillRate: { pass: 0.5, fail: 0.1 } })).status).toBe(403);
    expect((await put(tianshuiOfficer.token, '620102', { fillRate: { pass: 0.5, fail: 0.1 } })).status).toBe(403);

    const inverted = await put(cityAdmin.token, '620102', {
      fillRate: { pass: 0.3, fail: 0.6 },
      timeToFillP50Min: { pass: 300, fail: 60 },
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'thresholds.fillRate',
      'thresholds.timeToFillP50Min',
    ]);
    expect((await put(cityAdmin.token, '620102', { fillRate: { pass: 1.5, fail: 0.6 } })).status).toBe(400);
    expect((await put(cityAdmin.token, '620102', { speed: { pass: 1, fail: 0 } })).status).toBe(400);
    expect((await thresholds(provinceOfficer.token, '629999')).status).toBe(404);
    expect((await thresholds(provinceOfficer.token, '62')).status).toBe(400);
    expect((await run(provinceOfficer.token, '620100', '2025-13')).status).toBe(400);
    expect((await run(provinceOfficer.token, '620100', '2025-Q5')).status).toBe(400);
    expect((await run(provinceOfficer.token, '620100', '2099-01')).status).toBe(400);
    expect((await run(tianshuiOfficer.token, '620100', '2025-01')).status).toBe(403);
  });

  test('scores at the thresholds’ edges: at pass passes, at fail needs improvement, beyond fails', async () => {
    const m = await market('620123', 'contracted', 2, { lat: 35.84, lng: 104.11 });
    await put(provinceOfficer.token, '620123', {
      fillRate: { pass: 0.8, fail: 0.5 },
      timeToFillP50Min: { pass: 60, fail: 240 },
      casesClosedInTimeRate: { pass: 0.9, fail: 0.5 },
      overdueCases: { pass: 0, fail: 2 },
      servedPerStaff: { pass: 4, fail: 2 },
    });
    const posted = new Date('2025-01-10T02:00:00Z');
    // A shift of 4, filled at +10, +20, +30 and +60 minutes (time to fill 60), and one of 1 never filled: 4/5 = 0.8.
    const full = await shift(m.id, posted, 4, 4);
    for (const [i, after] of [10, 20, 30, 60].entries()) await hire(full, minutes(posted, after), i);
    await shift(m.id, minutes(posted, 5), 1, 0);
    // One walk-in registered; two cases opened, one closed exactly at its limit, one a day late.
    const walkIn = await newWorker(app, { trades: ['mason'] });
    await prisma().workerProfile.update({ where: { id: walkIn.id }, data: { assisted: true, homeMarketId: m.id, createdAt: posted } });
    const due = new Date('2025-01-15T09:00:00Z');
    await kase(m.id, posted, due, due);
    await kase(m.id, posted, due, minutes(due, 24 * 60));

    const first = await run(provinceOfficer.token, '620123', '2025-01');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ regionCode: '620123', period: '2025-01', evaluatedAt: expect.any(String) });
    const result = first.body.results.find((r: { marketId: string }) => r.marketId === m.id);
    expect(result.metrics).toEqual({
      served: 7, // 1 walk-in + 4 workers hired + 2 cases opened
      fillRate: 0.8,
      timeToFillP50Min: 60,
      casesClosed: 2,
      casesClosedInTime: 1,
      casesClosedInTimeRate: 0.5,
      overdueCases: 1,
      staffOnDuty: 2,
      servedPerStaff: 3.5,
    });
    expect(result.scores).toEqual({
      fillRate: 'pass',
      timeToFillP50Min: 'pass',
      casesClosedInTimeRate: 'improve',
      overdueCases: 'improve',
      servedPerStaff: 'improve',
    });
    expect(result).toMatchObject({ grade: 'improve', exitFlag: false, operator: 'contracted', regionCode: '620123', period: '2025-01' });

    // A hair stricter on both sides of the edge: the fill rate needs improvement, the cases fail.
    await put(provinceOfficer.token, '620123', { fillRate: { pass: 0.81, fail: 0.5 }, casesClosedInTimeRate: { pass: 0.9, fail: 0.51 } });
    const again = (await run(provinceOfficer.token, '620123', '2025-01')).body.results.find(
      (r: { marketId: string }) => r.marketId === m.id,
    );
    expect(again.scores).toMatchObject({ fillRate: 'improve', casesClosedInTimeRate: 'fail' });
    expect(again.grade).toBe('fail');
    // A rerun replaced the period's result: one row per (market, period).
    expect(await prisma().marketEvaluation.count({ where: { marketId: m.id } })).toBe(1);
  });

  test('two fails in a row flag a contracted market for exit, not an HRSS one; a pass in between resets', async () => {
    const contracted = await market('620122', 'contracted', 1);
    const hrss = await market('620122', 'hrss', 1);
    const flags = async (period: string) => {
      const res = await run(provinceOfficer.token, '620122', period);
      expect(res.status).toBe(201);
      const of = (id: string) => res.body.results.find((r: { marketId: string }) => r.marketId === id);
      return { c: of(contracted.id), h: of(hrss.id) };
    };
    // Nobody served with one staff member: 0 per staff fails the default (20); nothing else is measurable.
    const april = await flags('2025-04');
    expect(april.c.scores).toEqual({
      fillRate: null,
      timeToFillP50Min: null,
      casesClosedInTimeRate: null,
      overdueCases: 'pass',
      servedPerStaff: 'fail',
    });
    expect([april.c.grade, april.c.exitFlag, april.h.grade, april.h.exitFlag]).toEqual(['fail', false, 'fail', false]);
    const may = await flags('2025-05');
    expect([may.c.grade, may.c.exitFlag, may.h.grade, may.h.exitFlag]).toEqual(['fail', true, 'fail', false]);

    await put(provinceOfficer.token, '620122', { servedPerStaff: { pass: 0, fail: 0 } });
    const june = await flags('2025-06');
    expect([june.c.grade, june.c.exitFlag]).toEqual(['pass', false]);
    await put(provinceOfficer.token, '620122', { servedPerStaff: { pass: 60, fail: 20 } });
    const july = await flags('2025-07');
    expect([july.c.grade, july.c.exitFlag]).toEqual(['fail', false]);
    const august = await flags('2025-08');
    expect([august.c.grade, august.c.exitFlag]).toEqual(['fail', true]);
    // Quarters chain with quarters: 2025-Q3 has no 2025-Q2 before it.
    const q3 = await flags('2025-Q3');
    expect([q3.c.grade, q3.c.exitFlag]).toEqual(['fail', false]);

    // The history: the region's list per period, the market's newest first, for its staff too.
    const listed = await http(app, 'GET', '/api/evaluation?regionCode=620122&period=2025-05', { token: provinceOfficer.token });
    expect(listed.status).toBe(200);
    expect(listed.body.find((r: { marketId: string }) => r.marketId === contracted.id)).toMatchObject({
      period: '2025-05',
      exitFlag: true,
    });
    const history = await http(app, 'GET', `/api/markets/${contracted.id}/evaluations`, { token: contracted.staff[0].token });
    expect(history.status).toBe(200);
    expect(history.body.map((r: { period: string }) => r.period)).toEqual([
      '2025-Q3',
      '2025-08',
      '2025-07',
      '2025-06',
      '2025-05',
      '2025-04',
    ]);
    expect((await http(app, 'GET', `/api/markets/${contracted.id}/evaluations`, { token: hrss.staff[0].token })).status).toBe(403);
    expect((await http(app, 'GET', `/api/markets/${contracted.id}/evaluations`, { token: tianshuiOfficer.token })).status).toBe(403);

    // The work log records each market's evaluation through the domain event.
    await app.app.get(DomainEvents).drain();
    await waitForLedger(contracted.id, 6);
    const entries = await prisma().ledgerEntry.findMany({
      where: { marketId: contracted.id, type: 'market_evaluated' },
      orderBy: { seq: 'asc' },
    });
    expect(JSON.parse(entries[1].data)).toMatchObject({ period: '2025-05', grade: 'fail', exitFlag: true });
  });

  async function waitForLedger(marketId: string, n: number) {
    for (let i = 0; i < 50; i += 1) {
      if ((await prisma().ledgerEntry.count({ where: { marketId, type: 'market_evaluated' } })) >= n) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function shift(marketId: string, createdAt: Date, headcount: number, filled: number) {
    const row = await prisma().shift.create({
      data: {
        employerId: employer.id,
        marketId,
        regionCode: '620123',
        title: '测试',
        trade: 'mason',
        headcount,
        filled,
        wageAmount: 200,
        wageUnit: 'day',
        lat: 35.84,
        lng: 104.11,
        address: '测试',
        startsAt: minutes(createdAt, 24 * 60),
        endsAt: minutes(createdAt, 32 * 60),
        status: filled >= headcount ? 'filled' : 'open',
        createdAt,
      },
    });
    return row.id;
  }

  async function hire(shiftId: string, at: Date, i: number) {
    const worker = await newWorker(app, { trades: ['mason'] });
    await prisma().assignment.create({
      data: {
        shiftId,
        workerId: worker.id,
        offerId: `offer-${shiftId}-${i}`,
        startsAt: minutes(at, 24 * 60),
        endsAt: minutes(at, 32 * 60),
        wageAmount: 200,
        wageUnit: 'day',
        createdAt: at,
      },
    });
  }

  async function kase(marketId: string, createdAt: Date, dueAt: Date, closedAt: Date) {
    await prisma().case.create({
      data: {
        kind: 'consultation',
        marketId,
        description: '测试事项',
        openedBy: provinceOfficer.id,
        openedByRole: 'staff',
        status: 'closed',
        timeLimitDays: 3,
        dueAt,
        closedAt,
        createdAt,
      },
    });
  }
});
