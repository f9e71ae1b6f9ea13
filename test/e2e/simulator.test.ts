import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../../api/src/config/config.js';
import { dispatchEnvFor, Simulation } from '@linggong/simulator';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A short simulated morning (5:00–7:00, the rush) at ×360 against a real server: about 20 s of wall clock. */
describe('the market-day simulator', () => {
  const speed = 360;
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('pglite', dispatchEnvFor(speed));
  });

  afterAll(async () => {
    await app?.stop();
  });

  test('plays a morning with 40 workers and a handful of employers; the report is sane and the database agrees', async () => {
    const report = await new Simulation({
      url: app.url,
      speed,
      workers: 40,
      employers: 5,
      shifts: 10,
      fromHour: 5,
      hours: 2,
      seed: 7,
    }).run();

    expect(report.run.days).toBe(1);
    // On a loaded machine one real second is six simulated minutes: a worker may sign in too late to wait.
    expect(report.workers.waited).toBeGreaterThan(0);
    expect(report.workers.signInFailures).toBe(0);
    expect(report.shifts.posted).toBe(10);
    expect(report.errors.postFailures).toBe(0);
    expect(report.offers.received).toBeGreaterThan(0);
    expect(report.hires.total).toBeGreaterThan(0);

    expect(report.shifts.fillRate).not.toBeNull();
    expect(report.shifts.fillRate!).toBeGreaterThanOrEqual(0);
    expect(report.shifts.fillRate!).toBeLessThanOrEqual(1);
    expect(report.shifts.filledPositions).toBeLessThanOrEqual(report.shifts.positionsToFill);
    expect(report.hires.toSimulatedShifts).toBeLessThanOrEqual(report.shifts.positions);
    expect(report.offers.received).toBeGreaterThanOrEqual(report.hires.total);
    if (report.timeToFill.medianMin !== null) expect(report.timeToFill.p90Min!).toBeGreaterThanOrEqual(report.timeToFill.medianMin);

    for (const g of [report.fairness.allTrades, ...report.fairness.byTrade]) {
      expect(g.gini).toBeGreaterThanOrEqual(0);
      expect(g.gini).toBeLessThanOrEqual(1);
      expect(g.evenGini).toBeLessThanOrEqual(g.gini + 1e-9);
    }
    const shares = Object.values(report.priority).map((p) => p.shareOfWaiting ?? 0);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);

    // The API's own view (each shift as its employer sees it) matches what the simulated workers were told.
    expect(report.api).toBeDefined();
    expect(report.api!.shifts).toBe(report.shifts.posted);
    expect(report.api!.overfilledShifts).toBe(0);
    expect(report.api!.filledNotCancelled).toBe(report.shifts.filledPositions);
    expect(report.checks).not.toEqual({});
    for (const [name, ok] of Object.entries(report.checks)) expect([name, ok]).toEqual([name, true]);

    // And straight from the database: no shift has more live hires than its headcount, nobody is booked twice at once.
    const prisma = app.database.prisma;
    const shifts = await prisma.shift.findMany({ select: { id: true, headcount: true, filled: true } });
    expect(shifts).toHaveLength(report.shifts.posted);
    const live = await prisma.assignment.findMany({
      where: { status: { not: 'cancelled' } },
      select: { shiftId: true, workerId: true, startsAt: true, endsAt: true },
    });
    for (const s of shifts) {
      expect(s.filled).toBeLessThanOrEqual(s.headcount);
      expect(live.filter((a) => a.shiftId === s.id).length).toBeLessThanOrEqual(s.headcount);
    }
    const overlapping = live.filter((a) =>
      live.some((b) => b !== a && b.workerId === a.workerId && a.startsAt < b.endsAt && b.startsAt < a.endsAt),
    );
    expect(overlapping).toEqual([]);
  }, 90_000);

  test('the demo simulation is refused in production', () => {
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ ...production, DEMO_SIMULATION: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, DEMO_SIMULATION: '1' })).toThrow(/DEMO_SIMULATION/);
    expect(loadConfig(production).demoSimulation).toBe(false);
    expect(loadConfig({ DEMO_SIMULATION: '1' }).demoSimulation).toBe(true);
    expect(loadConfig({}).demoSimulation).toBe(false);
  });
});
