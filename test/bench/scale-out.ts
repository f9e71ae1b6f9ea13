/**
 * The bench's scale-out part (BENCH_ONLY=scaleout): the same load on 1 API instance and on 3 (PostgreSQL + Redis,
 * separate `node api/dist/main.js` processes, each set-up on its own database and Redis key prefix), both up at
 * once in the same run. Shifts are posted one at a time, the set-ups taking turns and each round robin over its
 * instances, and timed to the first offer at a worker and to `shift:opened` at every board; boards and workers
 * sit on all instances, so the 3-instance figures include delivery through Redis.
 *
 * run.ts owns the processes (its `children` are stopped on failure and Ctrl-C); this part gets them through
 * `ScaleOutHarness` (scale-out-setup.ts) rather than importing the entry script.
 *
 * Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379), BENCH_SCALEOUT_WORKERS (3,000), BENCH_SCALEOUT_BOARDS (60), BENCH_SCALEOUT_SAMPLES
 * (100), BENCH_SCALEOUT_INSTANCES (3).
 */
import os from 'node:os';
import {
  Samples,
  scaleOutConfig,
  startCluster,
  type Cluster,
  type LoadLike,
  type ScaleOutConfig,
  type ScaleOutHarness,
  type Stoppable,
} from './scale-out-setup.js';
import { errorText, freeConnections, unreachable, watchSlowCommands } from './stores.js';
import { round, summarize, type Summary } from './util.js';

// ---------------------------------------------------------------- results

interface InstanceCpu {
  instance: string;
  /** CPU seconds (user + system) while workers and boards connected. */
  connectS: number;
  /** CPU seconds while the samples were taken (warm-up excluded). */
  samplingS: number;
  /** Share of the sampling wall time the event loop was runnable but waiting for a CPU: the machine's other load. */
  waitingForCpu: number;
}
interface Configuration {
  instances: number;
  workers: number;
  boards: number;
  firstOffer: Summary;
  boardEach: Summary;
  boardLast: Summary;
  post: Summary;
  noOffer: number;
  missingBoards: number;
  postErrors: number;
  samplingWallS: number;
  cpu: InstanceCpu[];
  loadAverage: { before: number[]; after: number[] };
}
interface Ratio {
  median: number;
  p99: number;
}
export type ScaleOutResult =
  | { skipped: string }
  | { failed: string }
  | {
      /** Without the store URLs (they may hold a password). */
      config: Omit<ScaleOutConfig, 'databaseUrl' | 'redisUrl'>;
      single: Configuration;
      multi: Configuration;
      /** multi ÷ single */
      ratio: { firstOffer: Ratio; boardEach: Ratio; boardLast: Ratio };
    };

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '–');
/** Percentiles in ms, to the microsecond (as bench.json's other rows). */
function stats(samples: number[]): Summary {
  const { n, median, p95, p99, min, max, mean } = summarize(samples);
  const r = (v: number) => round(v, 3);
  return { n, median: r(median), p95: r(p95), p99: r(p99), min: r(min), max: r(max), mean: r(mean) };
}
const ratio = (multi: Summary, single: Summary): Ratio => ({
  median: round(multi.median / single.median, 2),
  p99: round(multi.p99 / single.p99, 2),
});

// ---------------------------------------------------------------- the part

export async function scaleOut(h: ScaleOutHarness): Promise<ScaleOutResult> {
  const cfg = scaleOutConfig(h.quick);
  const reason = await unreachable(cfg.databaseUrl, cfg.redisUrl);
  if (reason) {
    h.log(`scale-out: skipped: ${reason}`);
    h.addRow({ group: '[scale-out]', figure: 'skipped', unit: '', note: reason });
    return { skipped: reason };
  }
  const free = await freeConnections(cfg.databaseUrl);
  if (free !== undefined && free < 20 * cfg.instances + 10) {
    h.log(`scale-out: warning: PostgreSQL has ${free} connections free; each instance's pool may open 20 while workers connect`);
  }
  h.log(
    `scale-out: 1 instance and ${cfg.instances}, the same load on each: ${cfg.workers.toLocaleString()} waiting workers, ${cfg.boards} boards, ${cfg.samples} shifts`,
  );
  const cleanups: Stoppable[] = [];
  /** Stopped at the end in reverse order, or by run.ts on failure and Ctrl-C. */
  const track = (stop: () => Promise<void>) => {
    const s: Stoppable = { stop };
    cleanups.push(s);
    h.children.add(s);
  };
  const clusters: Cluster[] = [];
  try {
    const load = h.newLoad();
    track(() => load.stop());
    for (const count of [1, cfg.instances]) clusters.push(await startCluster(h, cfg, count, load, track));
    for (const c of clusters) for (let i = 0; i < cfg.warmupPerInstance * c.apis.length; i++) await c.post();
    await load.forget();
    const [single, multi] = await sampleAlternately(h, cfg, load, clusters);
    report(h, cfg, single, multi);
    const { workers, boards, samples, instances, warmupPerInstance, budgetMs } = cfg;
    return {
      config: { workers, boards, samples, instances, warmupPerInstance, budgetMs },
      single,
      multi,
      ratio: {
        firstOffer: ratio(multi.firstOffer, single.firstOffer),
        boardEach: ratio(multi.boardEach, single.boardEach),
        boardLast: ratio(multi.boardLast, single.boardLast),
      },
    };
  } catch (error) {
    // A shared machine can fail this part (PostgreSQL out of connections, say): the rest of the bench goes on.
    const apis = clusters.flatMap((c) => c.apis);
    if (apis.length)
      h.log(`scale-out: failed; the APIs' last output:\n${apis.map((a) => a.server.output.join('').slice(-2000)).join('\n')}`);
    h.log(`scale-out: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const reason = errorText(error).split('\n')[0];
    h.addRow({ group: '[scale-out]', figure: 'failed', unit: '', note: reason });
    return { failed: reason };
  } finally {
    for (const s of cleanups.reverse()) {
      h.children.delete(s);
      await s.stop().catch((e: unknown) => h.log(`scale-out: clean-up failed: ${errorText(e)}`));
    }
  }
}

/**
 * Both set-ups stay up and take turns, one shift each, the order swapped every round: on a shared machine whose
 * load drifts by the minute, both then see the same machine, and the ratio measures the instances, not the hour.
 */
async function sampleAlternately(h: ScaleOutHarness, cfg: ScaleOutConfig, load: LoadLike, clusters: Cluster[]) {
  h.log(
    `scale-out: POST→first offer and →boards, ${cfg.samples} shifts per set-up, taking turns, round robin over each set-up's instances`,
  );
  const sets = clusters.map((c) => new Samples(c));
  const pids = clusters.map((c) => c.apis.map((a) => a.server.proc.pid));
  const before = os.loadavg();
  const cpu0 = pids.map((p) => p.map((pid) => h.cpuSeconds(pid)));
  const sched0 = pids.map((p) => p.map((pid) => h.sched(pid)));
  const slowlog = await watchSlowCommands(cfg.redisUrl);
  const t0 = Date.now();
  for (let i = 0; i < cfg.samples && (i < 20 || Date.now() < t0 + cfg.budgetMs); i++) {
    for (const set of i % 2 ? [...sets].reverse() : sets) await set.take(h, load);
  }
  const wallS = (Date.now() - t0) / 1000;
  const slow = await slowlog.stop();
  h.addRow({
    group: '[scale-out]',
    figure: `Redis commands over ${slow.thresholdMicros / 1000} ms while sampling (SLOWLOG, both set-ups)`,
    unit: 'commands',
    value: slow.count,
    note: [
      `of ${slow.commands.toLocaleString('en')} commands`,
      slow.waitingForCpu === undefined ? '' : `Redis waiting for a CPU ${Math.round(slow.waitingForCpu * 100)}% of the time`,
      slow.slowest.join(', ') || 'none',
    ]
      .filter(Boolean)
      .join('; '),
  });
  const after = os.loadavg();
  await load.forget();
  return sets.map((set, k): Configuration => {
    const c = set.cluster;
    const result: Configuration = {
      instances: c.apis.length,
      workers: c.workers,
      boards: c.boards,
      firstOffer: stats(set.first),
      boardEach: stats(set.each),
      boardLast: stats(set.last),
      post: stats(set.posts),
      noOffer: set.noOffer,
      missingBoards: set.missingBoards,
      postErrors: set.postErrors,
      samplingWallS: round(wallS, 1),
      cpu: c.names.map((n, i) => {
        const s1 = h.sched(pids[k][i]);
        return {
          instance: n,
          connectS: round(c.connectCpu[i], 2),
          samplingS: round(h.cpuSeconds(pids[k][i]) - cpu0[k][i], 2),
          waitingForCpu: round((s1.wait - sched0[k][i].wait) / (s1.at - sched0[k][i].at), 2),
        };
      }),
      loadAverage: { before: before.map((l) => round(l, 2)), after: after.map((l) => round(l, 2)) },
    };
    h.log(
      `${c.label}: first offer median ${ms(result.firstOffer.median)} p99 ${ms(result.firstOffer.p99)} ms; ` +
        `board median ${ms(result.boardEach.median)} p99 ${ms(result.boardEach.p99)} ms; ` +
        `CPU ${result.cpu.map((x) => `${x.instance} ${x.samplingS.toFixed(1)} s`).join(', ')}`,
    );
    return result;
  });
}

function report(h: ScaleOutHarness, cfg: ScaleOutConfig, single: Configuration, multi: Configuration): void {
  for (const c of [single, multi]) {
    const g = `[scale-out ${c.instances}×]`;
    const spread = c.instances > 1 ? `spread over ${c.instances} instances` : 'on 1 instance';
    addStats(
      h,
      g,
      'POST /api/shifts → first offer at a worker',
      c.firstOffer,
      `${c.workers.toLocaleString()} workers ${spread}${c.noOffer ? `, ${c.noOffer} without offer` : ''}`,
    );
    addStats(
      h,
      g,
      'POST /api/shifts → shift:opened, each board',
      c.boardEach,
      `${c.boards} boards ${spread}${c.missingBoards ? `, ${c.missingBoards} missing` : ''}`,
    );
    addStats(h, g, `POST /api/shifts → shift:opened, last of ${c.boards} boards`, c.boardLast);
    h.addRow({
      group: g,
      figure: 'API CPU while sampling, all instances',
      unit: 's',
      value: c.cpu.reduce((a, x) => a + x.samplingS, 0),
      note:
        `${c.cpu.map((x) => `${x.instance} ${x.samplingS.toFixed(1)}`).join(', ')} s ` +
        `(${((c.cpu.reduce((a, x) => a + x.samplingS, 0) * 1000) / Math.max(1, c.firstOffer.n)).toFixed(0)} ms per shift) ` +
        `over ${c.samplingWallS.toFixed(0)} s wall shared by both set-ups; ` +
        `event loop waiting for a CPU ${c.cpu.map((x) => `${Math.round(x.waitingForCpu * 100)}%`).join(', ')}; load average ${c.loadAverage.after[0]}`,
    });
  }
  const r = {
    firstOffer: ratio(multi.firstOffer, single.firstOffer),
    boardEach: ratio(multi.boardEach, single.boardEach),
  };
  const n = cfg.instances;
  h.addRow({
    group: '[ratio]',
    figure: `POST→first offer, ${n} instances ÷ 1 (median)`,
    unit: '×',
    value: r.firstOffer.median,
    note: `p99 ÷ p99: ${r.firstOffer.p99.toFixed(2)}×`,
  });
  h.addRow({
    group: '[ratio]',
    figure: `POST→board, ${n} instances ÷ 1 (median)`,
    unit: '×',
    value: r.boardEach.median,
    note: `p99 ÷ p99: ${r.boardEach.p99.toFixed(2)}×`,
  });
}

function addStats(h: ScaleOutHarness, group: string, figure: string, stats: Summary, note?: string): void {
  h.addRow({ group, figure, unit: 'ms', stats, note });
}
