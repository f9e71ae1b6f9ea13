/**
 * The bench's scale-out part (BENCH_ONLY=scaleout): the same load on 1 API instance and on 3 (PostgreSQL + Redis,
 * separate `node api/dist/main.js` processes), one after the other in the same run. Shifts are posted one at a
 * time, round robin over the instances, and timed to the first offer at a worker and to `shift:opened` at every
 * board; boards and workers sit on all instances, so the 3-instance figures include delivery through Redis.
 *
 * run.ts owns the processes (its `children` are stopped on failure and Ctrl-C); this file gets them through
 * `ScaleOutHarness` rather than importing the entry script.
 *
 * Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test), BENCH_REDIS_URL (default
 * redis://127.0.0.1:6379), BENCH_SCALEOUT_WORKERS (3,000), BENCH_SCALEOUT_BOARDS (60), BENCH_SCALEOUT_SAMPLES
 * (100), BENCH_SCALEOUT_INSTANCES (3).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { BOARD_MARKETS, CITY, preparePostgres, type BenchWorker, type PreparedDatabase } from './seed.js';
import { dropKeys, errorText, unreachable } from './stores.js';
import { round, sleep, summarize, type Summary } from './util.js';

// ---------------------------------------------------------------- what run.ts lends

interface ApiServer {
  url: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}
interface LoadLike {
  poster: { call<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T> };
  seen: {
    offers: Map<string, number[]>;
    boards: Map<string, number[]>;
    wait(check: () => boolean, timeoutMs: number): Promise<boolean>;
    count(kind: 'offers' | 'boards', id: string): number;
    forget(id: string): void;
  };
  workers(
    url: string,
    list: BenchWorker[],
    presence: boolean,
  ): Promise<{ connected: number; failed: number; errors: Record<string, number> }>;
  boards(url: string, markets: string[]): Promise<{ connected: number; failed: number }>;
  forget(): Promise<void>;
  stop(): Promise<void>;
}
interface Stoppable {
  stop(): Promise<void>;
}
export interface ScaleOutHarness {
  log(msg: string): void;
  addRow(row: { group: string; figure: string; unit: string; stats?: Summary; value?: number; note?: string }): void;
  startApi(label: string, db: PreparedDatabase, secret: string, env: Record<string, string>): Promise<{ server: ApiServer }>;
  /** A fresh set of load processes (each with its own poster, so both configurations post the same shifts). */
  newLoad(): LoadLike;
  cpuSeconds(pid: number | undefined): number;
  /** The main thread's time on a CPU and runnable but waiting for one (ms), from /proc/<pid>/schedstat. */
  sched(pid: number | undefined): { at: number; run: number; wait: number };
  /** Stopped by run.ts on failure and Ctrl-C. */
  children: Set<Stoppable>;
  secret: string;
  quick: boolean;
}

// ---------------------------------------------------------------- configuration

function wholeNumber(name: string, fallback: number, min = 0): number {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return n;
}

function scaleOutConfig(quick: boolean) {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    workers: wholeNumber('BENCH_SCALEOUT_WORKERS', quick ? 600 : 3000, 1),
    boards: wholeNumber('BENCH_SCALEOUT_BOARDS', quick ? 30 : 60, 1),
    samples: wholeNumber('BENCH_SCALEOUT_SAMPLES', quick ? 30 : 100, 1),
    instances: wholeNumber('BENCH_SCALEOUT_INSTANCES', 3, 2),
    /** Unmeasured posts per instance first, so no configuration pays for cold code paths in its samples. */
    warmupPerInstance: 3,
    /** Each configuration's sampling stops here (after at least 20 samples) on a machine too busy to finish. */
    budgetMs: quick ? 30_000 : 180_000,
  };
}
type ScaleOutConfig = ReturnType<typeof scaleOutConfig>;

/** As the latency phase: shifts within 4 km of the centre, where every bench board's market reaches. */
const PLACE = { center: CITY, radiusKm: 4 };

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
  | {
      /** Without the store URLs (they may hold a password). */
      config: Omit<ScaleOutConfig, 'databaseUrl' | 'redisUrl'>;
      single: Configuration;
      multi: Configuration;
      /** multi ÷ single */
      ratio: { firstOffer: Ratio; boardEach: Ratio; boardLast: Ratio };
    };

// ---------------------------------------------------------------- one configuration

/** Every k-th item, starting at `i`: workers and boards spread evenly over k instances. */
const share = <T>(list: T[], i: number, k: number) => list.filter((_x, j) => j % k === i);

async function runConfiguration(h: ScaleOutHarness, cfg: ScaleOutConfig, count: number): Promise<Configuration> {
  const label = `scaleout-${count}x`;
  const prefix = `bench-so${count}-${randomBytes(4).toString('hex')}:`;
  const cleanups: Stoppable[] = [];
  let apis: Array<{ server: ApiServer }> = [];
  /** Stopped here in reverse order, or by run.ts on Ctrl-C. */
  const track = (stop: () => Promise<void>) => {
    const s: Stoppable = { stop };
    cleanups.push(s);
    h.children.add(s);
  };
  try {
    h.log(`${label}: fresh database with ${cfg.workers.toLocaleString()} workers, Redis key prefix ${prefix}`);
    const db = await preparePostgres(cfg.databaseUrl, cfg.workers, h.secret);
    track(() => db.drop());
    track(() => dropKeys(cfg.redisUrl, prefix));
    const env = { REDIS_URL: cfg.redisUrl, REDIS_KEY_PREFIX: prefix, DEMO_DATA: '0' };
    const names = Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i));
    apis = await Promise.all(names.map((n) => h.startApi(`${label}-${n}`, db, h.secret, env)));
    for (const a of apis) track(() => a.server.stop());
    const load = h.newLoad();
    track(() => load.stop());
    h.log(
      `${label}: ${count} instance${count > 1 ? 's' : ''} up; connecting ${cfg.workers.toLocaleString()} waiting workers and ${cfg.boards} boards`,
    );

    const cpu0 = apis.map((a) => h.cpuSeconds(a.server.proc.pid));
    const markets = Array.from({ length: cfg.boards }, (_, i) => BOARD_MARKETS[i % BOARD_MARKETS.length]);
    let workers = 0;
    let boards = 0;
    for (const [i, a] of apis.entries()) {
      const w = await load.workers(a.server.url, share(db.people.workers, i, count), true);
      const b = await load.boards(a.server.url, share(markets, i, count));
      workers += w.connected;
      boards += b.connected;
      if (w.failed || b.failed)
        h.log(`${label}-${names[i]}: ${w.failed} workers and ${b.failed} boards failed ${JSON.stringify(w.errors)}`);
    }
    const cpu1 = apis.map((a) => h.cpuSeconds(a.server.proc.pid));
    h.log(`${label}: ${workers.toLocaleString()} workers waiting, ${boards} boards`);

    const window = { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 3 * 3600_000).toISOString() };
    const post = async (i: number) => {
      const url = apis[i % count].server.url;
      const r = await load.poster.call<{ t0: number; t1: number; status: number; id?: string; body?: unknown }>('postRandom', {
        url,
        token: db.people.employer.token,
        place: PLACE,
        window,
      });
      if (r.status !== 201 || !r.id) return { ...r, id: undefined };
      const id = r.id;
      await load.seen.wait(() => load.seen.count('offers', id) >= 1 && load.seen.count('boards', id) >= boards, 10_000);
      // Every shift is cancelled before the next is posted, so all of them can share one window.
      await load.poster.call('cancel', { url, token: db.people.employer.token, ids: [id], concurrency: 1 });
      await sleep(20); // the last reports of this shift arrive (each load process flushes every 10 ms)
      return { ...r, id };
    };
    for (let i = 0; i < cfg.warmupPerInstance * count; i++) await post(i);
    await load.forget();

    h.log(
      `${label}: POST→first offer and →boards, ${cfg.samples} shifts one after another, round robin over ${count} instance${count > 1 ? 's' : ''}`,
    );
    const before = os.loadavg();
    const cpu2 = apis.map((a) => h.cpuSeconds(a.server.proc.pid));
    const sched2 = apis.map((a) => h.sched(a.server.proc.pid));
    const t0 = Date.now();
    const until = t0 + cfg.budgetMs;
    const first: number[] = [];
    const each: number[] = [];
    const last: number[] = [];
    const posts: number[] = [];
    let noOffer = 0;
    let missingBoards = 0;
    let postErrors = 0;
    for (let i = 0; i < cfg.samples && (i < 20 || Date.now() < until); i++) {
      const r = await post(i);
      if (!r.id) {
        postErrors++;
        if (postErrors <= 3) h.log(`${label}: POST /api/shifts → ${r.status} ${JSON.stringify(r.body)}`);
        continue;
      }
      const offers = load.seen.offers.get(r.id) ?? [];
      const seenBoards = (load.seen.boards.get(r.id) ?? []).map((t) => t - r.t0);
      if (!offers.length) noOffer++;
      missingBoards += Math.max(0, boards - seenBoards.length);
      first.push(offers.length ? Math.min(...offers) - r.t0 : Infinity);
      each.push(...seenBoards, ...Array<number>(Math.max(0, boards - seenBoards.length)).fill(Infinity));
      last.push(seenBoards.length >= boards ? Math.max(...seenBoards) : Infinity);
      posts.push(r.t1 - r.t0);
      load.seen.forget(r.id);
    }
    const samplingWallS = (Date.now() - t0) / 1000;
    const cpu3 = apis.map((a) => h.cpuSeconds(a.server.proc.pid));
    const sched3 = apis.map((a) => h.sched(a.server.proc.pid));
    const after = os.loadavg();
    await load.forget();
    const result: Configuration = {
      instances: count,
      workers,
      boards,
      firstOffer: summarize(first),
      boardEach: summarize(each),
      boardLast: summarize(last),
      post: summarize(posts),
      noOffer,
      missingBoards,
      postErrors,
      samplingWallS: round(samplingWallS, 1),
      cpu: names.map((n, i) => ({
        instance: n,
        connectS: round(cpu1[i] - cpu0[i], 2),
        samplingS: round(cpu3[i] - cpu2[i], 2),
        waitingForCpu: round((sched3[i].wait - sched2[i].wait) / (sched3[i].at - sched2[i].at), 2),
      })),
      loadAverage: { before: before.map((l) => round(l, 2)), after: after.map((l) => round(l, 2)) },
    };
    h.log(
      `${label}: first offer median ${ms(result.firstOffer.median)} p99 ${ms(result.firstOffer.p99)} ms; board median ${ms(result.boardEach.median)} ` +
        `p99 ${ms(result.boardEach.p99)} ms; CPU ${result.cpu.map((c) => `${c.instance} ${c.samplingS.toFixed(1)} s`).join(', ')} ` +
        `in ${samplingWallS.toFixed(0)} s; load average ${after[0].toFixed(2)}`,
    );
    return result;
  } catch (error) {
    h.log(`${label}: failed; the APIs' last output:\n${apis.map((a) => a.server.output.join('').slice(-2000)).join('\n')}`);
    throw error;
  } finally {
    for (const s of cleanups.reverse()) {
      h.children.delete(s);
      await s.stop().catch((e: unknown) => h.log(`${label}: clean-up failed: ${errorText(e)}`));
    }
  }
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '–');
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
  h.log(
    `scale-out: 1 instance, then ${cfg.instances}, the same load on each: ${cfg.workers.toLocaleString()} waiting workers, ${cfg.boards} boards, ${cfg.samples} shifts`,
  );
  const single = await runConfiguration(h, cfg, 1);
  const multi = await runConfiguration(h, cfg, cfg.instances);

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
        `${c.cpu.map((x) => `${x.instance} ${x.samplingS.toFixed(1)}`).join(', ')} s over ${c.samplingWallS.toFixed(0)} s wall; ` +
        `event loop waiting for a CPU ${c.cpu.map((x) => `${Math.round(x.waitingForCpu * 100)}%`).join(', ')}; load average ${c.loadAverage.after[0]}`,
    });
  }
  const r = {
    firstOffer: ratio(multi.firstOffer, single.firstOffer),
    boardEach: ratio(multi.boardEach, single.boardEach),
    boardLast: ratio(multi.boardLast, single.boardLast),
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
  const { workers, boards, samples, instances, warmupPerInstance, budgetMs } = cfg;
  return { config: { workers, boards, samples, instances, warmupPerInstance, budgetMs }, single, multi, ratio: r };
}

function addStats(h: ScaleOutHarness, group: string, figure: string, stats: Summary, note?: string): void {
  h.addRow({ group, figure, unit: 'ms', stats, note });
}
