import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { FiguresRollupJob } from '../../api/src/stats/figures-rollup.job.js';
import { FiguresRollupService } from '../../api/src/stats/figures-rollup.service.js';
import { FiguresService } from '../../api/src/stats/figures.service.js';
import { FiguresTrendsService } from '../../api/src/stats/figures-trends.service.js';
import { http } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

// A past month (every day closed, so read from the rollups) written row by row, with the figures worked out by
// hand in the comments: two markets, an hourly and a piece wage, a cancelled shift, a trade whose only shift was
// cancelled, a late cancel, a no-show, an assisted hire, older and hard-to-employ workers; April has no seekers.
const M1 = 'lz-chengguan'; // 620102
const M2 = 'lz-qilihe-construction'; // 620103
const at = (iso: string) => new Date(iso);

describe.each(BACKENDS)('figures on %s', (backend) => {
  let app: TestApp;
  let officer: Person;
  const get = (path: string) => http(app, 'GET', path);

  async function worker(id: string, trade: string, priority: 'none' | 'older' | 'hard_to_employ', home: string | null, createdAt: string) {
    const prisma = app.database.prisma;
    await prisma.account.create({ data: { id, phone: `137${id.padStart(8, '0')}`, roles: ['worker'] } });
    await prisma.workerProfile.create({
      data: { id, name: id, trades: [trade], priority, regionCode: '620102', homeMarketId: home, createdAt: at(createdAt) },
    });
  }
  const waited = (workerId: string, day: string, trade: string) =>
    app.database.prisma.waitingDay.create({ data: { workerId, day: at(`${day}T00:00:00Z`), trade, regionCode: '620102' } });
  async function shift(
    id: string,
    o: {
      trade: string;
      headcount: number;
      filled: number;
      wage: number;
      unit: 'day' | 'hour' | 'piece';
      status: 'open' | 'filled' | 'cancelled' | 'completed';
      createdAt: string;
      market?: string | null;
    },
  ) {
    const created = at(o.createdAt);
    await app.database.prisma.shift.create({
      data: {
        id,
        employerId: 'fig-employer',
        marketId: o.market === undefined ? M1 : o.market,
        regionCode: '620102',
        title: o.trade,
        trade: o.trade,
        headcount: o.headcount,
        filled: o.filled,
        wageAmount: o.wage,
        wageUnit: o.unit,
        lat: 36.06,
        lng: 103.84,
        address: '兰州',
        startsAt: new Date(created.getTime() + 3600_000),
        endsAt: new Date(created.getTime() + 9 * 3600_000),
        status: o.status,
        createdAt: created,
      },
    });
  }
  const offer = (
    id: string,
    shiftId: string,
    workerId: string,
    createdAt: string,
    status: 'accepted' | 'declined' | 'expired' = 'accepted',
  ) =>
    app.database.prisma.offer.create({
      data: {
        id,
        shiftId,
        workerId,
        wave: 1,
        distanceKm: 1,
        score: 1,
        reasons: [],
        status,
        expiresAt: at(createdAt),
        createdAt: at(createdAt),
      },
    });
  async function hire(
    id: string,
    offerId: string,
    o: {
      status: 'hired' | 'completed' | 'no_show' | 'cancelled';
      wage: number;
      unit: 'day' | 'hour' | 'piece';
      createdAt: string;
      late?: boolean;
      assisted?: boolean;
    },
  ) {
    const off = await app.database.prisma.offer.findUniqueOrThrow({ where: { id: offerId } });
    const s = await app.database.prisma.shift.findUniqueOrThrow({ where: { id: off.shiftId } });
    await app.database.prisma.assignment.create({
      data: {
        id,
        shiftId: off.shiftId,
        workerId: off.workerId,
        offerId,
        status: o.status,
        startsAt: s.startsAt,
        endsAt: s.endsAt, // 8 hours
        wageAmount: o.wage,
        wageUnit: o.unit,
        lateCancel: o.late ?? false,
        assistedVia: o.assisted ? 'staff' : null,
        createdAt: at(o.createdAt),
      },
    });
  }

  beforeAll(async () => {
    app = await startTestApp(backend);
    officer = await personWith(app, { role: 'officer', regionCode: '620100' });
    const prisma = app.database.prisma;
    await prisma.account.create({ data: { id: 'fig-employer', phone: '13600000001', roles: ['employer'] } });
    await prisma.employerProfile.create({ data: { id: 'fig-employer', name: '用工单位' } });
    await worker('w1', 'electrician', 'older', M1, '2024-01-01T02:00:00Z'); // a January seeker (registered)
    await worker('w2', 'electrician', 'none', M1, '2024-03-04T02:00:00Z'); // registered 4 March: a March seeker
    await worker('w3', 'mason', 'hard_to_employ', M2, '2024-01-10T02:00:00Z');
    await worker('w4', 'painter', 'none', null, '2024-02-01T02:00:00Z'); // hired in March without seeking
    await worker('w5', 'mason', 'none', M1, '2024-01-11T02:00:00Z');
    await waited('w1', '2024-03-05', 'electrician');
    await waited('w3', '2024-03-06', 'mason');
    await waited('w5', '2024-03-10', 'mason');
    await shift('s1', {
      trade: 'electrician',
      headcount: 2,
      filled: 2,
      wage: 200,
      unit: 'day',
      status: 'filled',
      createdAt: '2024-03-05T01:00:00Z',
    });
    await shift('s2', {
      trade: 'electrician',
      headcount: 1,
      filled: 1,
      wage: 25,
      unit: 'hour',
      status: 'completed',
      createdAt: '2024-03-06T01:00:00Z',
    });
    await shift('s3', {
      trade: 'mason',
      headcount: 3,
      filled: 1,
      wage: 2,
      unit: 'piece',
      status: 'open',
      createdAt: '2024-03-07T01:00:00Z',
    });
    await shift('s4', {
      trade: 'mason',
      headcount: 5,
      filled: 0,
      wage: 300,
      unit: 'day',
      status: 'cancelled',
      createdAt: '2024-03-08T01:00:00Z',
    });
    await shift('s5', {
      trade: 'painter',
      headcount: 1,
      filled: 1,
      wage: 250,
      unit: 'day',
      status: 'filled',
      createdAt: '2024-03-09T01:00:00Z',
      market: null,
    });
    await shift('s6', {
      trade: 'cleaner',
      headcount: 2,
      filled: 0,
      wage: 180,
      unit: 'day',
      status: 'cancelled',
      createdAt: '2024-03-09T02:00:00Z',
    });
    await shift('s7', {
      trade: 'electrician',
      headcount: 2,
      filled: 0,
      wage: 220,
      unit: 'day',
      status: 'open',
      createdAt: '2024-04-02T01:00:00Z',
    });
    await offer('o1', 's1', 'w1', '2024-03-05T01:05:00Z');
    await offer('o2', 's1', 'w2', '2024-03-05T01:05:00Z');
    await offer('o3', 's1', 'w3', '2024-03-05T01:05:00Z', 'declined');
    await offer('o4', 's2', 'w1', '2024-03-06T01:10:00Z');
    await offer('o5', 's5', 'w4', '2024-03-09T01:00:00Z');
    await offer('o6', 's3', 'w3', '2024-03-07T01:30:00Z');
    await offer('o7', 's3', 'w2', '2024-03-07T02:00:00Z');
    await hire('a1', 'o1', { status: 'completed', wage: 200, unit: 'day', createdAt: '2024-03-05T01:35:00Z' }); // 35 min
    await hire('a2', 'o2', { status: 'hired', wage: 210, unit: 'day', createdAt: '2024-03-05T02:00:00Z', assisted: true }); // 60 min
    await hire('a3', 'o4', { status: 'completed', wage: 25, unit: 'hour', createdAt: '2024-03-06T03:00:00Z' }); // 120 min, 200 a day
    await hire('a4', 'o5', { status: 'no_show', wage: 250, unit: 'day', createdAt: '2024-03-09T01:10:00Z' });
    await hire('a5', 'o7', { status: 'cancelled', wage: 2, unit: 'piece', createdAt: '2024-03-07T02:30:00Z', late: true });
    await hire('a6', 'o6', { status: 'completed', wage: 2, unit: 'piece', createdAt: '2024-03-07T03:00:00Z' }); // 120 min, no day wage
  });

  afterAll(async () => {
    await app?.stop();
  });

  test('a month by trade and industry: 求人倍率, agreed and posted 工资价位; an empty trade is left out', async () => {
    const res = await get('/api/stats/monthly?month=2024-03&regionCode=620102');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ month: '2024-03', regionCode: '620102', level: 'county' });
    // Seekers: w1 (waited), w2 (registered), w3, w5 (waited); w4 was hired but never sought. Demand leaves out s4, s6.
    expect(b.total).toEqual({ demand: 7, seekers: 4, ratio: 1.75 });
    expect(b.byTrade.map((t: { trade: string }) => t.trade)).toEqual(['electrician', 'mason', 'painter']);
    // Agreed: a1 200, a2 210, a3 25 × 8 h = 200 (a4 a no-show, a6 a piece rate); posted: s1 200, s2 25 × 8 h.
    const allDay = (x: number) => ({ p10: x, p25: x, p50: x, p75: x, p90: x, unit: 'day' });
    expect(b.byTrade[0]).toEqual({
      trade: 'electrician',
      demand: 3,
      seekers: 2,
      ratio: 1.5,
      wage: { p10: 200, p25: 200, p50: 200, p75: 205, p90: 208, unit: 'day' },
      postedWage: allDay(200),
    });
    expect(b.byTrade[1]).toEqual({ trade: 'mason', demand: 3, seekers: 2, ratio: 1.5, wage: null, postedWage: null });
    expect(b.byTrade[2]).toEqual({ trade: 'painter', demand: 1, seekers: 0, ratio: null, wage: null, postedWage: allDay(250) });
    expect(b.byIndustry).toEqual([
      {
        industry: 'E',
        demand: 7,
        seekers: 4,
        ratio: 1.75,
        wage: { p10: 200, p25: 200, p50: 200, p75: 205, p90: 208, unit: 'day' },
        postedWage: { p10: 200, p25: 200, p50: 200, p75: 225, p90: 240, unit: 'day' },
      },
    ]);
  });

  test('matching and the floor of the month', async () => {
    const b = (await get('/api/stats/monthly?month=2024-03&regionCode=620102')).body;
    // Hires a1 a2 a3 a6; minutes to fill 35, 60, 120, 120; 7 offers; filled 2 + 1 + 1 + 1 of 2 + 1 + 3 + 1 posted.
    expect(b.matching).toEqual({
      shiftsPosted: 6,
      positionsPosted: 7,
      positionsFilled: 5,
      fillRate: 0.7143,
      timeToFillMinutes: { p50: 90, p90: 120 },
      offersPerHire: 1.75,
      hires: 4,
      offers: 7,
      lateCancels: 1,
      noShows: 1,
      assistedHires: 1,
    });
    // Older: w1 (1 of 4 seekers, 2 of 4 hires, 400 of 610 yuan); hard to employ: w3 (piece wage: no earnings counted).
    expect(b.floor).toEqual({
      groups: [
        { group: 'older', seekers: 1, hires: 2, waitingShare: 0.25, hireShare: 0.5, earningsShare: 0.6557 },
        { group: 'hard_to_employ', seekers: 1, hires: 1, waitingShare: 0.25, hireShare: 0.25, earningsShare: 0 },
      ],
      olderHireRate: 1,
      overallHireRate: 0.75,
    });
  });

  test('a month with no seekers, a market, and a day', async () => {
    const april = (await get('/api/stats/monthly?month=2024-04&regionCode=620100')).body;
    expect(april.total).toEqual({ demand: 2, seekers: 0, ratio: null });
    expect(april.byTrade).toEqual([
      {
        trade: 'electrician',
        demand: 2,
        seekers: 0,
        ratio: null,
        wage: null,
        postedWage: { p10: 220, p25: 220, p50: 220, p75: 220, p90: 220, unit: 'day' },
      },
    ]);
    const market = (await get(`/api/stats/monthly?month=2024-03&marketId=${M1}`)).body;
    // s5 was posted by phone (no market): it counts for the nearest market of its region, M1.
    expect(market).toMatchObject({ level: 'market', marketId: M1, total: { demand: 7, seekers: 3, ratio: 2.33 } });
    const day = await get('/api/stats/daily?date=2024-03-05&regionCode=620102');
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({ date: '2024-03-05', total: { demand: 2, seekers: 1, ratio: 2 } });
    expect(day.body.matching).toMatchObject({
      shiftsPosted: 1,
      positionsFilled: 2,
      hires: 2,
      offers: 3,
      assistedHires: 1,
      timeToFillMinutes: { p50: 47.5, p90: 57.5 },
    });
    expect(day.body.floor).toMatchObject({ olderHireRate: 1, overallHireRate: 1 });
    expect(day.body.floor.groups[0]).toEqual({
      group: 'older',
      seekers: 1,
      hires: 1,
      waitingShare: 1,
      hireShare: 0.5,
      earningsShare: 0.4878,
    });
    expect((await get('/api/stats/daily?date=2024-02-30')).status).toBe(400);
    expect((await get('/api/stats/daily?marketId=bad%20id')).status).toBe(400);
  });

  test('trends: twelve months oldest first, every day of the month', async () => {
    const res = await get('/api/stats/trends?month=2024-03&regionCode=620102');
    expect(res.status).toBe(200);
    expect(res.body.months.map((m: { month: string }) => m.month)).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    expect(res.body.months[11]).toEqual({ month: '2024-03', demand: 7, seekers: 4, ratio: 1.75, hires: 4, fillRate: 0.7143, wageP50: 200 });
    // January: w1, w3, w5 registered; February: w4.
    expect(res.body.months[9]).toEqual({ month: '2024-01', demand: 0, seekers: 3, ratio: 0, hires: 0, fillRate: null, wageP50: null });
    expect(res.body.months[10]).toMatchObject({ seekers: 1 });
    expect(res.body.days).toHaveLength(31);
    expect(res.body.days[4]).toEqual({ date: '2024-03-05', demand: 2, seekers: 1, ratio: 2, hires: 2, fillRate: 1 });
    expect(res.body.days[3]).toEqual({ date: '2024-03-04', demand: 0, seekers: 1, ratio: 0, hires: 0, fillRate: null });
  });

  test("the markets' rows include every market of the region, those with nothing too", async () => {
    const res = await get('/api/stats/markets?month=2024-03&regionCode=620100');
    expect(res.status).toBe(200);
    const m1 = res.body.find((m: { marketId: string }) => m.marketId === M1);
    // s1 s2 s3 at M1 and s5 posted by phone nearest to it (7 positions, 5 filled), hires a1 a2 a3 a6 (a4 on s5
    // was a no-show); seekers at home there: w1 w2 w5.
    expect(m1).toMatchObject({ regionCode: '620102', demand: 7, seekers: 3, ratio: 2.33, hires: 4, fillRate: 0.7143 });
    expect(m1.location).toEqual({ lat: expect.any(Number), lng: expect.any(Number) });
    expect(res.body.find((m: { marketId: string }) => m.marketId === M2)).toMatchObject({
      demand: 0,
      seekers: 1,
      ratio: 0,
      hires: 0,
      fillRate: null,
    });
    expect(res.body.every((m: { regionCode: string }) => m.regionCode.startsWith('6201'))).toBe(true);
  });

  test('a published month stays as published after later writes to that month; the next version has them', async () => {
    const publish = () =>
      http(app, 'POST', '/api/stats/monthly/publish', { token: officer.token, body: { month: '2024-03', regionCode: '620102' } });
    const v1 = await publish();
    expect(v1.status).toBe(201);
    const frozen = (await get('/api/stats/monthly?month=2024-03&regionCode=620102&published=1&version=1')).body;
    expect(frozen).toMatchObject({ version: 1, total: { demand: 7, seekers: 4 }, matching: { hires: 4 } });
    // A late write to a closed day: the trigger marks it dirty, the next read rebuilds it.
    await shift('s8', {
      trade: 'welder',
      headcount: 4,
      filled: 0,
      wage: 300,
      unit: 'day',
      status: 'open',
      createdAt: '2024-03-20T01:00:00Z',
    });
    await app.database.prisma.assignment.update({ where: { id: 'a2' }, data: { status: 'cancelled' } });
    const live = (await get('/api/stats/monthly?month=2024-03&regionCode=620102')).body;
    expect(live.total).toEqual({ demand: 11, seekers: 4, ratio: 2.75 });
    expect(live.matching).toMatchObject({ hires: 3, assistedHires: 0, shiftsPosted: 7 });
    expect((await get('/api/stats/monthly?month=2024-03&regionCode=620102&published=1&version=1')).body).toEqual(frozen);
    expect((await publish()).body.version).toBe(2);
    const v2 = (await get('/api/stats/monthly?month=2024-03&regionCode=620102&published=1')).body;
    expect(v2).toMatchObject({ version: 2, total: { demand: 11, seekers: 4, ratio: 2.75 }, matching: { hires: 3 } });
    expect(await app.app.get(FiguresService).month('2024-03', { regionCode: '620102' })).toEqual(
      await app.app.get(FiguresService).month('2024-03', { regionCode: '620102' }, true),
    );
  });

  test('the background job rebuilds a closed day a late write made dirty, so the next reader finds it built', async () => {
    const figures = app.app.get(FiguresService);
    const job = app.app.get(FiguresRollupJob);
    await job.run();
    const before = await figures.month('2024-04', { regionCode: '620102' });
    await shift('s9', {
      trade: 'tiler',
      headcount: 3,
      filled: 0,
      wage: 260,
      unit: 'day',
      status: 'completed',
      createdAt: '2024-04-11T02:00:00Z',
    });
    // Other days may turn dirty meanwhile (the dispatch sweep expires the open shifts of earlier tests).
    const isDirty = async () => (await app.database.prisma.figureRollupDay.findUniqueOrThrow({ where: { day: at('2024-04-11T00:00:00Z') } })).dirty;
    expect(await isDirty()).toBe(true);
    expect(await job.run()).toBeGreaterThanOrEqual(1);
    expect(await isDirty()).toBe(false);
    expect(await app.app.get(FiguresRollupService).refresh({ from: '2024-04-01', to: '2024-05-01' })).toBe(0);
    const after = await figures.month('2024-04', { regionCode: '620102' });
    expect(after.total.demand).toBe(before.total.demand + 3);
    expect(after).toEqual(await figures.month('2024-04', { regionCode: '620102' }, true));
  });

  test('the rollups equal the live computation, for months, days, trends and markets', async () => {
    const figures = app.app.get(FiguresService);
    const trends = app.app.get(FiguresTrendsService);
    for (const scope of [
      {},
      { regionCode: '620000' },
      { regionCode: '620102' },
      { regionCode: '620500' },
      { regionCode: '620100' },
      { marketId: M1 },
      { marketId: M2 },
      { regionCode: '620102', marketId: M1 },
    ]) {
      for (const month of ['2024-01', '2024-03', '2024-04'])
        expect(await figures.month(month, scope)).toEqual(await figures.month(month, scope, true));
      for (const date of ['2024-03-04', '2024-03-05', '2024-03-07'])
        expect(await figures.day(date, scope)).toEqual(await figures.day(date, scope, true));
      expect(await trends.trends('2024-03', scope)).toEqual(await trends.trends('2024-03', scope, true));
    }
    expect(await trends.markets('2024-03', '620100')).toEqual(await trends.markets('2024-03', '620100', true));
  });
});
