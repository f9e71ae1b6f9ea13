/** The end-of-run report: what the simulator saw, and what the API itself says. */
import type { PriorityGroup } from '@linggong/protocol';
import type { Api } from './api.js';
import type { Metrics, ShiftRecord, SimOptions } from './simulator.js';
import { evenGini, gini, percentile, round, share } from './stats.js';

const MINUTE = 60_000;
const GROUPS: PriorityGroup[] = ['older', 'hard_to_employ', 'none'];

export interface ApiCounts {
  source: string;
  shifts: number;
  byStatus: Record<string, number>;
  positions: number;
  /** Positions of shifts that were not cancelled. */
  positionsNotCancelled: number;
  filled: number;
  /** Hires of shifts that were not cancelled (the filled positions). */
  filledNotCancelled: number;
  assignmentsByStatus: Record<string, number>;
  offersSent: number;
  offersByStatus?: Record<string, number>;
  /** Shifts whose filled count or live hires exceed the headcount: must be 0. */
  overfilledShifts: number;
  /**
   * Workers hired for a shift while holding another that overlaps it and had not ended yet (hired or completed):
   * must be 0. Joining a running shift after finishing another one is not counted.
   */
  doubleBookedWorkers?: number;
  /** The same, by the statuses of the two hires (e.g. "completed+hired"). */
  doubleBookedByStatus?: Record<string, number>;
  /** A few of them: the earlier hire (a) and the later one (b), with times. */
  doubleBookedExamples?: Array<Record<string, unknown>>;
  monthly?: { month: string; regionCode: string; total: unknown; topTrades: unknown[] };
}

export interface SimReport {
  run: {
    url: string;
    speed: number;
    seed: number;
    workers: number;
    employers: number | null;
    shiftsPerDay: number;
    day: string;
    days: number;
    simulatedMinutes: number;
    realSeconds: number;
  };
  shifts: {
    posted: number;
    positions: number;
    cancelled: number;
    cancelledPositions: number;
    /** Positions of shifts not cancelled: what there was to fill. */
    positionsToFill: number;
    filledPositions: number;
    fillRate: number | null;
    shiftsFullyFilled: number;
    shiftsWithoutHire: number;
    /** Per trade, shifts not cancelled: where demand met supply and where it did not. */
    byTrade: Array<{ trade: string; shifts: number; positions: number; filled: number; workersWaiting: number }>;
  };
  timeToFill: {
    /** Simulated minutes from posting to the hire that filled the shift, over fully filled shifts. */
    medianMin: number | null;
    p90Min: number | null;
    firstHireMedianMin: number | null;
    /** Minutes from posting to each hire. */
    perHireMedianMin: number | null;
    perHireP90Min: number | null;
  };
  offers: {
    received: number;
    forOtherShifts: number;
    perHire: number | null;
    accepts: number;
    acceptsLost: Record<string, number>;
    declines: number;
    ignored: number;
    answeredTooLate: number;
    withdrawnBeforeAnswer: number;
  };
  hires: {
    total: number;
    toSimulatedShifts: number;
    toOtherShifts: number;
    cancelledByEmployer: number;
    backToWaitingAfterCancel: number;
    workersHired: number;
    /** Null when the API has no endpoint for it (then the simulator does not do it). */
    cancelledByWorker: number | null;
    lateCancels: number | null;
    attendance: Record<string, number> | null;
  };
  workers: {
    planned: number;
    waited: number;
    workerDays: number;
    signInFailures: number;
    /** Days a worker stayed away because yesterday's shift was still running on the wall clock (multi-day runs). */
    stillAtWork: number;
    hireRatePerWorkerDay: number | null;
  };
  priority: Record<PriorityGroup, { shareOfWaiting: number | null; shareOfHires: number | null; hireRate: number | null }>;
  fairness: {
    note: string;
    byTrade: Array<{ trade: string; workers: number; hires: number; gini: number; evenGini: number }>;
    /** Worker-weighted means over trades with at least 5 waiting workers. */
    weightedGini: number | null;
    weightedEvenGini: number | null;
    allTrades: { workers: number; hires: number; gini: number; evenGini: number };
  };
  idempotency: { duplicatePosts: number; sameShiftReturned: number; mismatches: number };
  /** Real milliseconds: HTTP requests of the simulator, and socket accepts until their acknowledgement. */
  latencyMs: {
    http: { requests: number; p50: number | null; p95: number | null; max: number | null };
    accept: { p50: number | null; p95: number | null; max: number | null };
    /** The slowest routes by p95. */
    slowestRoutes: Array<{ route: string; requests: number; p50: number | null; p95: number | null; max: number }>;
  };
  errors: {
    workerCancelFailures: number;
    attendanceFailures: number;
    postFailures: number;
    cancelFailures: number;
    socketErrors: number;
    presenceFailures: number;
    requestFailures: number;
  };
  api?: ApiCounts;
  apiDatabase?: ApiCounts;
  checks: Record<string, boolean>;
  notes: string[];
}

const hoursOf = (o: SimOptions) => o.hours ?? 14;

export async function buildReport(m: Metrics, o: SimOptions, api: Api, employerTokens: Map<number, string>): Promise<SimReport> {
  const shifts = m.shifts;
  const live = shifts.filter((s) => s.cancelledSim === undefined);
  const cancelled = shifts.filter((s) => s.cancelledSim !== undefined);
  const positionsToFill = sum(live.map((s) => s.headcount));
  const filledPositions = sum(live.map((s) => Math.min(s.hires, s.headcount)));
  const filledShifts = live.filter((s) => s.filledSim !== undefined);
  // Market time between two wall-clock instants: days run back to back, so a night skipped between them does not count.
  const minutes = (a: number, b: number) => ((b - a) * o.speed) / MINUTE;
  const hiresOurs = m.hires.filter((h) => h.ours);
  const byId = new Map(shifts.filter((s) => s.id).map((s) => [s.id!, s]));
  const perHire = hiresOurs.map((h) => minutes(byId.get(h.shiftId)!.postedReal!, h.real));

  const groupHires = Object.fromEntries(GROUPS.map((g) => [g, m.hires.filter((h) => h.priority === g).length])) as Record<
    PriorityGroup,
    number
  >;
  const priority = Object.fromEntries(
    GROUPS.map((g) => [
      g,
      {
        shareOfWaiting: round(share(m.workerDaysByPriority[g], m.workerDays), 3),
        shareOfHires: round(share(groupHires[g], m.hires.length), 3),
        hireRate: round(share(groupHires[g], m.workerDaysByPriority[g]), 3),
      },
    ]),
  ) as SimReport['priority'];

  const fairness = fairnessOf(m);
  const apiCounts = await apiCountsOverHttp(api, shifts, employerTokens).catch(() => undefined);
  const report: SimReport = {
    run: {
      url: o.url,
      speed: o.speed,
      seed: o.seed ?? 1,
      workers: o.workers,
      employers: o.employers ?? null,
      shiftsPerDay: o.shifts ?? Math.max(1, Math.round(o.workers * 0.17)),
      day: `${String(o.fromHour ?? 4).padStart(2, '0')}:00 + ${hoursOf(o)} h`,
      days: m.days,
      simulatedMinutes: m.simMinutes,
      realSeconds: round((m.simMinutes * 60) / o.speed, 1) ?? 0,
    },
    shifts: {
      posted: shifts.length,
      positions: sum(shifts.map((s) => s.headcount)),
      cancelled: cancelled.length,
      cancelledPositions: sum(cancelled.map((s) => s.headcount)),
      positionsToFill,
      filledPositions,
      fillRate: round(share(filledPositions, positionsToFill), 3),
      shiftsFullyFilled: filledShifts.length,
      shiftsWithoutHire: live.filter((s) => s.hires === 0).length,
      byTrade: [...new Set(live.map((s) => s.trade))]
        .map((trade) => {
          const of = live.filter((s) => s.trade === trade);
          return {
            trade,
            shifts: of.length,
            positions: sum(of.map((s) => s.headcount)),
            filled: sum(of.map((s) => Math.min(s.hires, s.headcount))),
            workersWaiting: m.workers.filter((w) => m.waitedDays.has(w.index) && w.trades.includes(trade)).length,
          };
        })
        .sort((a, b) => b.positions - a.positions),
    },
    timeToFill: {
      medianMin: round(
        percentile(
          filledShifts.map((s) => minutes(s.postedReal!, s.filledReal!)),
          0.5,
        ),
        1,
      ),
      p90Min: round(
        percentile(
          filledShifts.map((s) => minutes(s.postedReal!, s.filledReal!)),
          0.9,
        ),
        1,
      ),
      firstHireMedianMin: round(
        percentile(
          shifts.filter((s) => s.firstHireReal).map((s) => minutes(s.postedReal!, s.firstHireReal!)),
          0.5,
        ),
        1,
      ),
      perHireMedianMin: round(percentile(perHire, 0.5), 1),
      perHireP90Min: round(percentile(perHire, 0.9), 1),
    },
    offers: {
      received: m.offersReceived,
      forOtherShifts: m.offersForeign,
      perHire: round(share(m.offersReceived, m.hires.length), 2),
      accepts: m.accepts,
      acceptsLost: m.acceptLost,
      declines: m.declines,
      ignored: m.ignored,
      answeredTooLate: m.tooSlow,
      withdrawnBeforeAnswer: m.withdrawnWhilePending,
    },
    hires: {
      total: m.hires.length,
      toSimulatedShifts: hiresOurs.length,
      toOtherShifts: m.hires.length - hiresOurs.length,
      cancelledByEmployer: m.hires.filter((h) => h.cancelled).length,
      backToWaitingAfterCancel: m.backToWaiting,
      workersHired: new Set(m.hires.map((h) => h.worker)).size,
      cancelledByWorker: m.lifecycle.workerCancel ? m.workerCancels : null,
      lateCancels: m.lifecycle.workerCancel ? m.lateCancels : null,
      attendance: m.lifecycle.attendance ? m.attendanceByStatus : null,
    },
    workers: {
      planned: o.workers,
      waited: m.waitedDays.size,
      workerDays: m.workerDays,
      signInFailures: m.signInFailures,
      stillAtWork: m.stillAtWork,
      hireRatePerWorkerDay: round(share(m.hires.length, m.workerDays), 3),
    },
    priority,
    fairness,
    latencyMs: {
      http: {
        requests: api.latencies.length,
        p50: round(percentile(api.latencies, 0.5), 0),
        p95: round(percentile(api.latencies, 0.95), 0),
        max: api.latencies.length ? Math.max(...api.latencies) : null,
      },
      accept: {
        p50: round(percentile(m.acceptLatencies, 0.5), 0),
        p95: round(percentile(m.acceptLatencies, 0.95), 0),
        max: m.acceptLatencies.length ? Math.max(...m.acceptLatencies) : null,
      },
      slowestRoutes: [...api.byRoute]
        .map(([route, xs]) => ({
          route,
          requests: xs.length,
          p50: round(percentile(xs, 0.5), 0),
          p95: round(percentile(xs, 0.95), 0),
          max: Math.max(...xs),
        }))
        .sort((a, b) => (b.p95 ?? 0) - (a.p95 ?? 0))
        .slice(0, 6),
    },
    idempotency: { duplicatePosts: m.duplicatePosts, sameShiftReturned: m.idempotentReplays, mismatches: m.replayMismatches },
    errors: {
      workerCancelFailures: m.workerCancelFailures,
      attendanceFailures: m.attendanceFailures,
      postFailures: m.postFailures,
      cancelFailures: m.cancelFailures,
      socketErrors: m.socketErrors,
      presenceFailures: m.presenceFailures,
      requestFailures: m.requestFailures,
    },
    api: apiCounts,
    checks: {},
    notes: [
      m.lifecycle.workerCancel
        ? `Workers cancel about 4% of hires before the start (POST /api/assignments/:id/cancel, found in the server's OpenAPI document); ` +
          `the API's late-cancel window (2 h before the start) is wall-clock time, so at ×${o.speed} nearly every cancel counts as late.`
        : 'The server has no API for a worker cancelling a hire: the simulator skips worker cancellations.',
      m.lifecycle.attendance
        ? 'About 3% of hired workers do not come; 30 simulated minutes after the start the employer records attendance ' +
          '(POST /api/assignments/:id/attendance, completed or no_show), which feeds the reliability term of the ranking.'
        : 'The server has no API for recording a no-show: the simulator skips no-shows.',
      `Offer deadlines, the sweep and the presence grace are scaled by the speed on a server the simulator starts; ` +
        `the API's own fixed timers are not (the 15 s pass over shifts still wanting offers; the 2 h dispatch window after the start, so a simulated shift is offered until its end), ` +
        `and the ranking's waiting-time term counts real minutes, so at ×${o.speed} rotation by waiting time is ${o.speed}× weaker than in a real day.`,
    ],
  };
  if (o.speed > 45)
    report.notes.push(
      `At ×${o.speed} the API's minimum offer deadline of 1 s is ${o.speed} simulated seconds (nominal 45 s): workers still answer within 45 simulated seconds or not at all.`,
    );
  report.checks = checksOf(report);
  return report;
}

export function checksOf(r: SimReport): Record<string, boolean> {
  const checks: Record<string, boolean> = {
    fillRateInRange: r.shifts.fillRate === null || (r.shifts.fillRate >= 0 && r.shifts.fillRate <= 1),
    hiresWithinPositions: r.hires.toSimulatedShifts <= r.shifts.positions,
    giniInRange: [r.fairness.allTrades.gini, ...r.fairness.byTrade.map((t) => t.gini)].every((g) => g >= 0 && g <= 1),
    idempotentPosts: r.idempotency.mismatches === 0,
  };
  for (const [name, counts] of [
    ['api', r.api],
    ['apiDatabase', r.apiDatabase],
  ] as const) {
    if (!counts) continue;
    checks[`${name}NoOverfill`] = counts.overfilledShifts === 0;
    checks[`${name}FilledMatchesSimulator`] = counts.filledNotCancelled === r.shifts.filledPositions;
    if (counts.doubleBookedWorkers !== undefined) checks[`${name}NoDoubleBooking`] = counts.doubleBookedWorkers === 0;
  }
  return checks;
}

function fairnessOf(m: Metrics): SimReport['fairness'] {
  const waited = m.workers.filter((w) => m.waitedDays.has(w.index));
  const kept = m.hires.filter((h) => !h.cancelled && !h.workerCancelled);
  const hiresOf = (worker: number, trade?: string) => kept.filter((h) => h.worker === worker && (!trade || h.trade === trade)).length;
  const trades = [...new Set(waited.flatMap((w) => w.trades))].sort();
  const byTrade = trades
    .map((trade) => {
      const xs = waited.filter((w) => w.trades.includes(trade)).map((w) => hiresOf(w.index, trade));
      const hires = sum(xs);
      return { trade, workers: xs.length, hires, gini: round(gini(xs), 3)!, evenGini: round(evenGini(hires, xs.length), 3)! };
    })
    .filter((t) => t.workers >= 5)
    .sort((a, b) => b.workers - a.workers);
  const weight = sum(byTrade.map((t) => t.workers));
  const all = waited.map((w) => hiresOf(w.index));
  return {
    note:
      'Gini of hires per worker among the workers who waited, per trade (workers who list the trade, hires in that trade). ' +
      'evenGini is the lowest possible with that many hires and workers (with fewer hires than workers some must go without); ' +
      'the gap between the two is the unevenness the dispatch added. With one hire a day at most, a single day shows little: ' +
      'run several days (--days) to see rotation.',
    byTrade,
    weightedGini: weight ? round(sum(byTrade.map((t) => t.gini * t.workers)) / weight, 3) : null,
    weightedEvenGini: weight ? round(sum(byTrade.map((t) => t.evenGini * t.workers)) / weight, 3) : null,
    allTrades: { workers: all.length, hires: sum(all), gini: round(gini(all), 3)!, evenGini: round(evenGini(sum(all), all.length), 3)! },
  };
}

/** The API's own view of the simulated shifts: each shift as its employer sees it, and the month's figures. */
async function apiCountsOverHttp(api: Api, shifts: ShiftRecord[], tokens: Map<number, string>): Promise<ApiCounts> {
  const views: any[] = [];
  const queue = shifts.filter((s) => s.id && tokens.has(s.employer));
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const res = await api.call('GET', `/api/shifts/${s.id}`, { token: tokens.get(s.employer) });
        if (res.status === 200) views.push(res.body);
      }
    }),
  );
  const counts: ApiCounts = {
    source: 'GET /api/shifts/:id (employer view) for every simulated shift',
    shifts: views.length,
    byStatus: countBy(views.map((v) => String(v.status))),
    positions: sum(views.map((v) => Number(v.headcount))),
    positionsNotCancelled: sum(views.filter((v) => v.status !== 'cancelled').map((v) => Number(v.headcount))),
    filled: sum(views.map((v) => Number(v.filled))),
    filledNotCancelled: sum(views.filter((v) => v.status !== 'cancelled').map((v) => Number(v.filled))),
    assignmentsByStatus: countBy(views.flatMap((v) => (v.hires ?? []).map((h: any) => String(h.status)))),
    offersSent: sum(views.map((v) => Number(v.offersSent ?? 0))),
    overfilledShifts: views.filter(
      (v) => v.filled > v.headcount || (v.hires ?? []).filter((h: any) => h.status === 'hired').length > v.headcount,
    ).length,
  };
  counts.monthly = await monthlyFigures(api);
  return counts;
}

export async function monthlyFigures(api: Api, regionCode = '620100'): Promise<ApiCounts['monthly']> {
  const res = await api.call('GET', `/api/stats/monthly?regionCode=${regionCode}`);
  if (res.status !== 200) return undefined;
  const byTrade = (res.body.byTrade ?? []) as Array<{
    trade: string;
    demand: number;
    seekers: number;
    ratio: number | null;
    wage: unknown;
  }>;
  return {
    month: res.body.month,
    regionCode,
    total: res.body.total,
    topTrades: [...byTrade].sort((a, b) => b.demand - a.demand).slice(0, 6),
  };
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, unit = '') => (v === null ? '–' : `${v}${unit}`);

/** The report as text for a terminal. */
export function formatReport(r: SimReport): string {
  const lines: string[] = [];
  const add = (s = '') => lines.push(s);
  add(
    `零工快招 market-day simulation — ${r.run.days} day(s) of ${r.run.day}, ×${r.run.speed}, seed ${r.run.seed}, ${r.run.workers} workers`,
  );
  add(`  simulated ${r.run.simulatedMinutes} min in ${r.run.realSeconds} s against ${r.run.url}`);
  add();
  add('Shifts');
  add(
    `  posted ${r.shifts.posted}, positions ${r.shifts.positions} (cancelled by employers: ${r.shifts.cancelled} shifts, ${r.shifts.cancelledPositions} positions)`,
  );
  add(
    `  filled ${r.shifts.filledPositions} of ${r.shifts.positionsToFill} positions → fill rate ${pct(r.shifts.fillRate)}; ${r.shifts.shiftsFullyFilled} shifts fully filled, ${r.shifts.shiftsWithoutHire} without any hire`,
  );
  add(
    `  by trade (positions filled/asked, workers of the trade who waited): ${r.shifts.byTrade
      .slice(0, 10)
      .map((t) => `${t.trade} ${t.filled}/${t.positions} (${t.workersWaiting})`)
      .join(', ')}`,
  );
  add(
    `  time to fill (simulated min): median ${num(r.timeToFill.medianMin)}, p90 ${num(r.timeToFill.p90Min)}; first hire median ${num(r.timeToFill.firstHireMedianMin)}; per hire median ${num(r.timeToFill.perHireMedianMin)}, p90 ${num(r.timeToFill.perHireP90Min)}`,
  );
  add();
  add('Offers and hires');
  add(
    `  offers received ${r.offers.received} (${r.offers.forOtherShifts} for shifts not posted by the simulator), ${num(r.offers.perHire)} offers per hire`,
  );
  add(
    `  accepts sent ${r.offers.accepts}, lost ${JSON.stringify(r.offers.acceptsLost)}; declines ${r.offers.declines}; ignored ${r.offers.ignored}; too slow ${r.offers.answeredTooLate}; withdrawn before an answer ${r.offers.withdrawnBeforeAnswer}`,
  );
  add(
    `  hires ${r.hires.total} (${r.hires.workersHired} workers), cancelled by the employer ${r.hires.cancelledByEmployer}, back to waiting after that ${r.hires.backToWaitingAfterCancel}`,
  );
  if (r.hires.cancelledByWorker !== null) add(`  cancelled by the worker ${r.hires.cancelledByWorker} (late ${r.hires.lateCancels})`);
  if (r.hires.attendance) add(`  attendance recorded by employers ${JSON.stringify(r.hires.attendance)}`);
  add(
    `  workers who waited ${r.workers.waited} (${r.workers.workerDays} worker-days), hires per worker-day ${num(r.workers.hireRatePerWorkerDay)}, sign-in failures ${r.workers.signInFailures}, stayed away still at work ${r.workers.stillAtWork}`,
  );
  add();
  add('Priority groups (share of worker-days waiting → share of hires, hire rate)');
  for (const g of GROUPS) {
    const p = r.priority[g];
    add(`  ${g.padEnd(15)} ${pct(p.shareOfWaiting).padStart(6)} → ${pct(p.shareOfHires).padStart(6)}   hire rate ${pct(p.hireRate)}`);
  }
  add();
  add('Spread of work among equally qualified workers (Gini of hires per waiting worker; evenGini = most even possible)');
  add(
    `  all trades: Gini ${r.fairness.allTrades.gini} (even ${r.fairness.allTrades.evenGini}) over ${r.fairness.allTrades.workers} workers, ${r.fairness.allTrades.hires} hires`,
  );
  add(`  trade-weighted: Gini ${num(r.fairness.weightedGini)} (even ${num(r.fairness.weightedEvenGini)})`);
  for (const t of r.fairness.byTrade.slice(0, 8)) {
    add(
      `    ${t.trade.padEnd(22)} ${String(t.workers).padStart(4)} workers ${String(t.hires).padStart(4)} hires  Gini ${t.gini.toFixed(3)} (even ${t.evenGini.toFixed(3)})`,
    );
  }
  for (const counts of [r.api, r.apiDatabase]) {
    if (!counts) continue;
    add();
    add(`The API's own counts (${counts.source})`);
    add(`  shifts ${counts.shifts} by status ${JSON.stringify(counts.byStatus)}`);
    add(
      `  positions ${counts.positions} (not cancelled ${counts.positionsNotCancelled}), filled ${counts.filled} (not cancelled ${counts.filledNotCancelled})`,
    );
    add(
      `  assignments ${JSON.stringify(counts.assignmentsByStatus)}; offers sent ${counts.offersSent}${counts.offersByStatus ? ` ${JSON.stringify(counts.offersByStatus)}` : ''}`,
    );
    add(
      `  shifts with more hires than headcount: ${counts.overfilledShifts}${counts.doubleBookedWorkers === undefined ? '' : `; workers with overlapping hires: ${counts.doubleBookedWorkers} ${JSON.stringify(counts.doubleBookedByStatus ?? {})}`}`,
    );
    if (counts.monthly) {
      const total = counts.monthly.total as { demand: number; seekers: number; ratio: number | null };
      add(
        `  GET /api/stats/monthly ${counts.monthly.month} ${counts.monthly.regionCode}: demand ${total.demand}, seekers ${total.seekers}, 求人倍率 ${total.ratio ?? '–'}`,
      );
    }
  }
  add();
  add(
    `Checks: ${Object.entries(r.checks)
      .map(([k, v]) => `${k} ${v ? 'ok' : 'FAILED'}`)
      .join(', ')}`,
  );
  add(
    `API latency (real ms): HTTP p50 ${num(r.latencyMs.http.p50)}, p95 ${num(r.latencyMs.http.p95)}, max ${num(r.latencyMs.http.max)} over ${r.latencyMs.http.requests} requests; ` +
      `accept → acknowledgement p50 ${num(r.latencyMs.accept.p50)}, p95 ${num(r.latencyMs.accept.p95)}, max ${num(r.latencyMs.accept.max)}`,
  );
  add(
    `  slowest routes (p50/p95/max ms): ${r.latencyMs.slowestRoutes.map((x) => `${x.route} ${x.p50}/${x.p95}/${x.max} (${x.requests})`).join('; ')}`,
  );
  add(`Idempotency: ${r.idempotency.duplicatePosts} double posts, ${r.idempotency.sameShiftReturned} returned the same shift`);
  for (const n of r.notes) add(`Note: ${n}`);
  return lines.join('\n');
}
