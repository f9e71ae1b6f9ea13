import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { connectCollecting, emitAck, http, newEmployer, newWorker, north, shiftBody, waitFor } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';
import { chinaMonth } from '../../api/src/stats/month.js';
import { MonthlyStatsService } from '../../api/src/stats/monthly-stats.service.js';

const HOUR = 3600_000;

describe.each(BACKENDS)('monthly statistics on %s', (backend) => {
  let app: TestApp;
  const sockets: Socket[] = [];
  const month = chinaMonth(new Date());

  beforeAll(async () => {
    app = await startTestApp(backend);
    const employer = await newEmployer(app);
    const waiting = async (trades: string[], km: number) => {
      const w = await newWorker(app, { trades });
      const c = await connectCollecting(app, '/worker', { token: w.token }, ['offer']);
      sockets.push(c.socket);
      await emitAck(c.socket, 'presence', { status: 'waiting', location: north(km) });
      return { ...w, ...c };
    };
    const a = await waiting(['electrician'], 0.5);
    const b = await waiting(['electrician'], 0.8);
    await waiting(['mason'], 1);
    await newWorker(app, { trades: ['electrician', 'mason'] });

    const day = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'electrician', headcount: 3 }) });
    const t = Date.now();
    const hourly = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({
        trade: 'electrician',
        headcount: 2,
        wage: { amount: 40, unit: 'hour' },
        startsAt: new Date(t + 30 * HOUR).toISOString(),
        endsAt: new Date(t + 38 * HOUR).toISOString(),
      }),
    });
    await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'mason', headcount: 4, wage: { amount: 250, unit: 'day' } }),
    });
    const cancelled = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'mason', headcount: 10 }) });
    await http(app, 'POST', `/api/shifts/${cancelled.body.id}/cancel`, { token: employer.token });

    const offerOf = (w: typeof a, shiftId: string) => waitFor(() => w.received.find((e) => e.payload.shift.id === shiftId), 5000, 'offer');
    expect((await emitAck(a.socket, 'offer:accept', { offerId: (await offerOf(a, day.body.id)).payload.offerId })).ok).toBe(true);
    expect((await emitAck(b.socket, 'offer:accept', { offerId: (await offerOf(b, hourly.body.id)).payload.offerId })).ok).toBe(true);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  test('求人倍率 and 工资价位 for a city: demand, distinct seekers, the five wage points', async () => {
    const res = await http(app, 'GET', `/api/stats/monthly?month=${month}&regionCode=620100`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month, regionCode: '620100', total: { demand: 9, seekers: 3, ratio: 3 } });
    const electrician = res.body.byTrade.find((r: { trade: string }) => r.trade === 'electrician');
    expect(electrician).toEqual({
      trade: 'electrician',
      demand: 5,
      seekers: 2,
      ratio: 2.5,
      wage: { p10: 302, p25: 305, p50: 310, p75: 315, p90: 318, unit: 'day' },
      // Issue #18: the posted day wages (300 a day; 40 an hour for 8 hours), apart from the agreed ones.
      postedWage: { p10: 302, p25: 305, p50: 310, p75: 315, p90: 318, unit: 'day' },
    });
    const mason = res.body.byTrade.find((r: { trade: string }) => r.trade === 'mason');
    const posted250 = { p10: 250, p25: 250, p50: 250, p75: 250, p90: 250, unit: 'day' };
    expect(mason).toEqual({ trade: 'mason', demand: 4, seekers: 1, ratio: 4, wage: null, postedWage: posted250 });
    expect(res.body.byIndustry).toEqual([
      {
        industry: 'E',
        demand: 9,
        seekers: 3,
        ratio: 3,
        wage: { p10: 302, p25: 305, p50: 310, p75: 315, p90: 318, unit: 'day' },
        postedWage: { p10: 260, p25: 275, p50: 300, p75: 310, p90: 316, unit: 'day' },
      },
    ]);
  });

  test('without a region: the whole province, including workers who registered but have not waited yet', async () => {
    const res = await http(app, 'GET', `/api/stats/monthly?month=${month}`);
    expect(res.body.total).toEqual({ demand: 9, seekers: 4, ratio: 2.25 });
  });

  test('a region with no seekers has a null ratio; another month is empty', async () => {
    const tianshui = await http(app, 'GET', `/api/stats/monthly?month=${month}&regionCode=620500`);
    expect(tianshui.body.total).toEqual({ demand: 0, seekers: 0, ratio: null });
    const past = await http(app, 'GET', '/api/stats/monthly?month=2020-01&regionCode=620100');
    expect(past.body).toMatchObject({ byTrade: [], byIndustry: [], total: { demand: 0, seekers: 0, ratio: null } });
  });

  test('CSV export', async () => {
    const res = await fetch(`${app.url}/api/stats/monthly?month=${month}&regionCode=620100&format=csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('month,regionCode,level,code,demand,seekers,ratio,wage_p10,wage_p25,wage_p50,wage_p75,wage_p90,wage_unit');
    expect(lines).toContain(`${month},620100,trade,electrician,5,2,2.5,302,305,310,315,318,day`);
    expect(lines[lines.length - 1]).toBe(`${month},620100,total,all,9,3,3,,,,,,`);
  });

  test("the boards' one-row total and ratio equal the full figures' total, for every region and month", async () => {
    const stats = new MonthlyStatsService(app.database.prisma);
    for (const m of [month, '2020-01']) {
      for (const region of [undefined, '620000', '620100', '620500']) {
        const full = await stats.compute(m, region);
        expect(await stats.total(m, region)).toEqual(full.total);
        expect(await stats.ratio(m, region)).toBe(full.total.ratio);
      }
    }
  });

  test('the board shows this month’s ratio for its city', async () => {
    const board = await connectCollecting(app, '/board', { marketId: 'lz-chengguan' }, ['board:snapshot']);
    sockets.push(board.socket);
    const snap = await waitFor(() => board.received[0], 3000, 'snapshot');
    expect(snap.payload.stats).toMatchObject({ month, demandSupplyRatio: 3, hiredToday: 2, waitingWorkers: 3 });
    expect(snap.payload.stats.openPositions).toBe(2 + 1 + 4);
  });

  // Last: its worker would change the figures the tests above expect.
  test('a waiting day is recorded once per trade, and again for a trade added while waiting', async () => {
    const w = await newWorker(app, { trades: ['welder'] });
    const c = await connectCollecting(app, '/worker', { token: w.token }, ['offer']);
    sockets.push(c.socket);
    const wait = () => emitAck(c.socket, 'presence', { status: 'waiting', location: north(2) });
    const days = async () =>
      (await app.database.prisma.waitingDay.findMany({ where: { workerId: w.id }, orderBy: { trade: 'asc' } })).map((d) => d.trade);
    expect(await wait()).toMatchObject({ ok: true });
    expect(await wait()).toMatchObject({ ok: true });
    expect(await days()).toEqual(['welder']);
    const updated = await http(app, 'POST', '/api/workers/me', {
      token: w.token,
      body: { name: '测试工人', trades: ['welder', 'plumber'] },
    });
    expect(updated.status).toBeLessThan(300);
    expect(await wait()).toMatchObject({ ok: true });
    expect(await days()).toEqual(['plumber', 'welder']);
  });
});
