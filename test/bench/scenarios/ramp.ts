/** Sustained posting: rising shifts per second until first-offer p99 passes the target. */
import { type BenchPeople } from '../seed.js';
import { nowMs } from '../sio.js';
import { sched, sleep, summarize, type Summary } from '../util.js';
import { CFG, QUICK, TARGETS } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { profiled } from '../harness/processes.js';
import { addRow, details, ms } from '../harness/results.js';
import { type Api, nextWindow, PLACE } from './shared.js';
import { cpuSeconds, log } from '../harness/system.js';

export interface StepResult {
  rate: number;
  posted: number;
  created: number;
  achieved: number;
  skipped: number;
  first: Summary;
  post: Summary;
  noOffer: number;
  apiCpu: number;
  /** Share of the step's wall time the API's event loop spent waiting for a CPU (machine load). */
  apiWait: number;
  ok: boolean;
}

export async function rampStep(api: Api, load: Load, people: BenchPeople, rate: number, durationMs: number): Promise<StepResult> {
  const window = nextWindow();
  const cpu0 = cpuSeconds(api.server.proc.pid);
  const sched0 = sched(api.server.proc.pid);
  const w0 = nowMs();
  const r = await load.poster.call<{
    results: Array<{ t0: number; t1: number; status: number; id?: string }>;
    skipped: number;
    errorCount: number;
    sendingMs: number;
  }>(
    'ramp',
    { url: api.server.url, token: people.employer.token, rate, durationMs, maxInFlight: 256, place: PLACE, window },
    durationMs + 120_000,
  );
  const created = r.results.filter((x) => x.status === 201 && x.id);
  const ids = created.map((x) => x.id!);
  // Every created shift should get its first offer; give stragglers up to 10 s (3 s in the smoke run).
  await load.seen.wait(() => ids.every((id) => load.seen.count('offers', id) >= 1), QUICK ? 3000 : 10_000);
  await sleep(30);
  const apiCpu = (cpuSeconds(api.server.proc.pid) - cpu0) / ((nowMs() - w0) / 1000);
  const sched1 = sched(api.server.proc.pid);
  const apiWait = (sched1.wait - sched0.wait) / (sched1.at - sched0.at);
  const first = created.map((x) => {
    const offers = load.seen.offers.get(x.id!);
    return offers?.length ? Math.min(...offers) - x.t0 : Infinity;
  });
  const span = created.length ? (Math.max(...created.map((x) => x.t1)) - Math.min(...created.map((x) => x.t0))) / 1000 : 1;
  const step: StepResult = {
    rate,
    posted: r.results.length + r.errorCount,
    created: created.length,
    achieved: created.length / Math.max(span, durationMs / 1000),
    skipped: r.skipped,
    first: summarize(first),
    post: summarize(created.map((x) => x.t1 - x.t0)),
    noOffer: first.filter((x) => !Number.isFinite(x)).length,
    apiCpu,
    apiWait,
    ok: false,
  };
  step.ok = step.first.p99 <= TARGETS.firstOfferP99 && step.skipped === 0 && step.achieved >= rate * 0.95;
  // Back to a steady state: cancel what this step opened (not measured).
  await load.poster.call('cancel', { url: api.server.url, token: people.employer.token, ids, concurrency: 8 }, 300_000);
  await load.forget();
  return step;
}

/**
 * Open-loop ramp: each step posts at a fixed rate for a few seconds, then cancels what it opened. It goes on past
 * the rate where first-offer p99 crosses 40 ms, until the service no longer keeps up (requests pile up, fewer
 * shifts are created than asked, or first offers take seconds): that last rate bounds what it takes.
 */
export async function rampScenario(api: Api, load: Load, people: BenchPeople, label: string) {
  log(`${label}: sustained posting, open-loop ramp ${CFG.rampRates.join(' → ')} shifts/s, ${CFG.rampStepMs / 1000} s each`);
  const steps: StepResult[] = [];
  let crossing: number | undefined;
  let saturatedAt: number | undefined;
  for (const rate of CFG.rampRates) {
    const step = await rampStep(api, load, people, rate, CFG.rampStepMs);
    steps.push(step);
    log(
      `${label}: ${rate}/s → ${step.achieved.toFixed(1)}/s created, first offer p50 ${ms(step.first.median)} p99 ${ms(step.first.p99)} ms, ` +
        `POST p99 ${ms(step.post.p99)} ms, skipped ${step.skipped}, API CPU ${(step.apiCpu * 100).toFixed(0)}%, waiting for a CPU ${(step.apiWait * 100).toFixed(0)}%`,
    );
    if (!step.ok && crossing === undefined) crossing = rate;
    if (step.skipped > 0 || step.achieved < rate * 0.9 || step.first.p99 > 5000 || step.noOffer > step.created * 0.05) {
      saturatedAt = rate;
      break;
    }
  }
  const g = `[${label}]`;
  for (const s of steps) {
    addRow({
      group: g,
      figure: `ramp ${String(s.rate).padStart(3)}/s: POST → first offer`,
      unit: 'ms',
      stats: s.first,
      note: `${s.achieved.toFixed(1)}/s created, POST p99 ${ms(s.post.p99)} ms, API CPU ${(s.apiCpu * 100).toFixed(0)}% (waiting for a CPU ${(s.apiWait * 100).toFixed(0)}%)${s.skipped ? `, ${s.skipped} not sent (256 in flight)` : ''}${s.noOffer ? `, ${s.noOffer} without offer` : ''}`,
    });
  }
  const good = steps.filter((s) => s.ok);
  const sustained = good.length ? Math.max(...good.map((s) => s.achieved)) : 0;
  const keptUp = steps.filter((s) => s.rate !== saturatedAt);
  const capacity = keptUp.length ? Math.max(...keptUp.map((s) => s.achieved)) : 0;
  addRow({
    group: g,
    figure: 'sustained posting with first-offer p99 ≤ 40 ms',
    unit: 'shifts/s',
    value: sustained,
    note: crossing !== undefined ? `p99 crossed 40 ms at ${crossing}/s` : 'not crossed within the ramp',
  });
  addRow({
    group: g,
    figure: 'highest rate kept up with (any latency)',
    unit: 'shifts/s',
    value: capacity,
    note: saturatedAt !== undefined ? `fell behind at ${saturatedAt}/s` : 'did not fall behind within the ramp',
  });
  details[`${label}.ramp`] = { steps, crossing, saturatedAt, sustained, capacity };
  const profileRate = saturatedAt ?? steps[steps.length - 1]?.rate;
  if (profileRate !== undefined && !QUICK) {
    await profiled(api.server, `${label}-ramp-${profileRate}`, () =>
      rampStep(api, load, people, profileRate, Math.min(5000, CFG.rampStepMs)),
    );
  }
  return { steps, sustained, crossing, capacity };
}
