/**
 * The scale-out part's set-ups (see scale-out.ts): a fresh database and Redis key prefix, 1 or 3 API instances on
 * them, the waiting workers and boards spread evenly over the instances, and one sample: a shift posted, timed to
 * its first offer and every board, and cancelled.
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { BOARD_MARKETS, CITY, preparePostgres, type BenchWorker, type PreparedDatabase } from './seed.js';
import { dropKeys } from './stores.js';
import { sleep, type Summary } from './util.js';

// ---------------------------------------------------------------- what run.ts lends

export interface ApiServer {
  url: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}
export interface LoadLike {
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
export interface Stoppable {
  stop(): Promise<void>;
}
export interface ScaleOutHarness {
  log(msg: string): void;
  addRow(row: { group: string; figure: string; unit: string; stats?: Summary; value?: number; note?: string }): void;
  startApi(label: string, db: PreparedDatabase, secret: string, env: Record<string, string>): Promise<{ server: ApiServer }>;
  /** A set of load processes (workers, boards and the poster) for the part, stopped at its end. */
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

export function scaleOutConfig(quick: boolean) {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    workers: wholeNumber('BENCH_SCALEOUT_WORKERS', quick ? 600 : 3000, 1),
    boards: wholeNumber('BENCH_SCALEOUT_BOARDS', quick ? 30 : 60, 1),
    samples: wholeNumber('BENCH_SCALEOUT_SAMPLES', quick ? 30 : 100, 1),
    instances: wholeNumber('BENCH_SCALEOUT_INSTANCES', 3, 2),
    /** Unmeasured posts per instance first, so no configuration pays for cold code paths in its samples. */
    warmupPerInstance: 3,
    /** The sampling stops here (after at least 20 rounds) on a machine too busy to finish. */
    budgetMs: quick ? 30_000 : 180_000,
  };
}
export type ScaleOutConfig = ReturnType<typeof scaleOutConfig>;

/** As the latency phase: shifts within 4 km of the centre, where every bench board's market reaches. */
const PLACE = { center: CITY, radiusKm: 4 };

// ---------------------------------------------------------------- one set-up (1 or 3 instances)

/** Every k-th item, starting at `i`: workers and boards spread evenly over k instances. */
const share = <T>(list: T[], i: number, k: number) => list.filter((_x, j) => j % k === i);

export interface Cluster {
  label: string;
  names: string[];
  apis: Array<{ server: ApiServer }>;
  workers: number;
  boards: number;
  connectCpu: number[];
  /** Posts one shift to the next instance (round robin), waits for its first offer and every board, cancels it. */
  post(): Promise<{ t0: number; t1: number; status: number; id?: string; body?: unknown }>;
}

/** A fresh database and Redis key prefix, `count` instances on them, and their share of the workers and boards. */
export async function startCluster(
  h: ScaleOutHarness,
  cfg: ScaleOutConfig,
  count: number,
  load: LoadLike,
  track: (stop: () => Promise<void>) => void,
): Promise<Cluster> {
  const label = `scaleout-${count}x`;
  const prefix = `bench-so${count}-${randomBytes(4).toString('hex')}:`;
  h.log(`${label}: fresh database with ${cfg.workers.toLocaleString()} workers, Redis key prefix ${prefix}`);
  const db = await preparePostgres(cfg.databaseUrl, cfg.workers, h.secret);
  track(() => db.drop());
  track(() => dropKeys(cfg.redisUrl, prefix));
  const env = { REDIS_URL: cfg.redisUrl, REDIS_KEY_PREFIX: prefix, DEMO_DATA: '0' };
  const names = Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i));
  const apis = await Promise.all(names.map((n) => h.startApi(`${label}-${n}`, db, h.secret, env)));
  for (const a of apis) track(() => a.server.stop());
  h.log(`${label}: ${count} instance${count > 1 ? 's' : ''} up; connecting workers and boards`);

  const cpu0 = apis.map((a) => h.cpuSeconds(a.server.proc.pid));
  const markets = Array.from({ length: cfg.boards }, (_, i) => BOARD_MARKETS[i % BOARD_MARKETS.length]);
  let workers = 0;
  let boards = 0;
  for (const [i, a] of apis.entries()) {
    const w = await load.workers(a.server.url, share(db.people.workers, i, count), true);
    const b = await load.boards(a.server.url, share(markets, i, count));
    workers += w.connected;
    boards += b.connected;
    if (w.failed || b.failed) h.log(`${label}-${names[i]}: ${w.failed} workers and ${b.failed} boards failed ${JSON.stringify(w.errors)}`);
  }
  const connectCpu = apis.map((a, i) => h.cpuSeconds(a.server.proc.pid) - cpu0[i]);
  for (const [i, a] of apis.entries()) {
    const { exitCode, signalCode } = a.server.proc;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`${label}-${names[i]} exited (${exitCode ?? signalCode})\n${a.server.output.join('').slice(-3000)}`);
    }
  }
  h.log(`${label}: ${workers.toLocaleString()} workers waiting, ${boards} boards`);

  // Every shift is cancelled before the next is posted, so all of them can share one window.
  const window = { startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 3 * 3600_000).toISOString() };
  let next = 0;
  const post = async () => {
    const url = apis[next++ % count].server.url;
    const r = await load.poster.call<{ t0: number; t1: number; status: number; id?: string; body?: unknown }>('postRandom', {
      url,
      token: db.people.employer.token,
      place: PLACE,
      window,
    });
    if (r.status !== 201 || !r.id) return { ...r, id: undefined };
    const id = r.id;
    await load.seen.wait(() => load.seen.count('offers', id) >= 1 && load.seen.count('boards', id) >= boards, 10_000);
    await load.poster.call('cancel', { url, token: db.people.employer.token, ids: [id], concurrency: 1 });
    await sleep(20); // the last reports of this shift arrive (each load process flushes every 10 ms)
    return r;
  };
  return { label, names, apis, workers, boards, connectCpu, post };
}

/** What one set-up's samples add up to. */
export class Samples {
  readonly first: number[] = [];
  readonly each: number[] = [];
  readonly last: number[] = [];
  readonly posts: number[] = [];
  noOffer = 0;
  missingBoards = 0;
  postErrors = 0;

  constructor(readonly cluster: Cluster) {}

  async take(h: ScaleOutHarness, load: LoadLike): Promise<void> {
    const r = await this.cluster.post();
    if (!r.id) {
      if (++this.postErrors <= 3) h.log(`${this.cluster.label}: POST /api/shifts → ${r.status} ${JSON.stringify(r.body)}`);
      return;
    }
    const boards = this.cluster.boards;
    const offers = load.seen.offers.get(r.id) ?? [];
    const seenBoards = (load.seen.boards.get(r.id) ?? []).map((t) => t - r.t0);
    if (!offers.length) this.noOffer++;
    this.missingBoards += Math.max(0, boards - seenBoards.length);
    this.first.push(offers.length ? Math.min(...offers) - r.t0 : Infinity);
    this.each.push(...seenBoards, ...Array<number>(Math.max(0, boards - seenBoards.length)).fill(Infinity));
    this.last.push(seenBoards.length >= boards ? Math.max(...seenBoards) : Infinity);
    this.posts.push(r.t1 - r.t0);
    load.seen.forget(r.id);
  }
}
