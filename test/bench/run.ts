/**
 * `npm run bench`: starts the system itself, drives it from separate load processes on loopback, prints a
 * table with PASS/MISS per target and writes test/artifacts/bench.json (+ CPU profiles in
 * test/artifacts/bench-profiles/). See the "Performance" section of the README.
 *
 * Environment: BENCH_QUICK=1 (about a minute), BENCH_WORKERS (default 10,000), BENCH_BOARDS (200),
 * BENCH_LOADERS (load processes, 4), BENCH_DATABASE_URL / BENCH_REDIS_URL (add the PostgreSQL [+ Redis] mode),
 * BENCH_MAX_MINUTES (hard stop, default 15), BENCH_ONLY=memory (memory per socket only, ours and the baseline's, read
 * at 1,000, 10,000, 20,000 and all workers), BENCH_SOCKETS_STRETCH=1 (50,000 workers for the memory part).
 * The scale-out part (1 vs 3 instances) is in scale-out.ts.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Child, type Report } from './ipc.js';
import { ARTIFACTS, BENCH_DIST, ROOT } from './paths.js';
import { formatProfile, inclusiveShare, summarizeProfile, type ProfileSummary } from './profile.js';
import { scaleOut, type ScaleOutResult } from './scale-out.js';
import { BOARD_MARKETS, CITY, newSecret, prepareEmbedded, preparePostgres, type BenchPeople, type PreparedDatabase } from './seed.js';
import { nowMs } from './sio.js';
import { dropKeys } from './stores.js';
import { round, sched, sleep, summarize, waitFor, type Sched, type Summary } from './util.js';

// ---------------------------------------------------------------- configuration

const QUICK = process.env.BENCH_QUICK === '1';
const int = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
};
const CFG = {
  quick: QUICK,
  workers: int('BENCH_WORKERS', process.env.BENCH_SOCKETS_STRETCH === '1' ? 50_000 : QUICK ? 500 : 10_000),
  /** Worker counts at which memory is read (those below BENCH_WORKERS, then BENCH_WORKERS itself). */
  memoryAt: [1000, 10_000, 20_000],
  boards: int('BENCH_BOARDS', QUICK ? 50 : 200),
  loaders: Math.max(1, int('BENCH_LOADERS', 4)),
  /** POST→first offer / board samples (sequential, each shift cancelled after). */
  latencySamples: QUICK ? 40 : 200,
  profiledSamples: QUICK ? 15 : 50,
  baselineSamples: QUICK ? 40 : 200,
  raceRepeats: QUICK ? 2 : 5,
  /** Races run first and not counted: the first accepts after start run cold code (JIT, WebAssembly tiers). */
  raceWarmups: 2,
  racers: 1000,
  raceSlots: 10,
  bursts: QUICK ? 1 : 3,
  rankingWorkers: 100_000,
  /** Enough samples that the p99 is not just the second-slowest query (0.3 ms each: well under a second). */
  rankingIterations: QUICK ? 30 : 1000,
  rampRates: QUICK ? [2, 10] : [2, 5, 10, 20, 40, 80],
  rampStepMs: QUICK ? 3000 : 6000,
  /** Wall-clock budgets of the sequential loops (they also stop at their sample counts). */
  latencyBudgetMs: QUICK ? 20_000 : 150_000,
  baselineBudgetMs: QUICK ? 10_000 : 45_000,
  maxMinutes: int('BENCH_MAX_MINUTES', QUICK ? 6 : 25),
  /** Workers for the fan-out phase (races need 1,000): reconnecting all of them costs minutes of API CPU. */
  fanoutWorkers: int('BENCH_FANOUT_WORKERS', QUICK ? 300 : 1000),
  /**
   * Comma list of parts to run: ranking, baseline, latency (memory, latency, ramp), fanout (race, bursts),
   * scaleout (1 vs 3 instances on PostgreSQL + Redis; skipped when they do not answer), memory (alone).
   */
  only: (process.env.BENCH_ONLY ?? 'ranking,baseline,latency,fanout,scaleout').split(',').map((x) => x.trim()),
  /** `embedded` and, with BENCH_DATABASE_URL, `postgres` (BENCH_MODES=postgres runs only the latter). */
  modes: (process.env.BENCH_MODES ?? (process.env.BENCH_DATABASE_URL ? 'embedded,postgres' : 'embedded')).split(',').map((x) => x.trim()),
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  redisUrl: process.env.BENCH_REDIS_URL || undefined,
};
const TARGETS = {
  firstOfferP99: 40,
  boardP99: 60,
  overheadLatency: 3,
  overheadHeap: 1.5,
  rankingP50: 1,
  rankingP99: 3,
  rssPerSocketKb: 30,
  offersPerSecond: 25_000,
  raceP99: 100,
};

// ---------------------------------------------------------------- small helpers

const started = Date.now();
const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function getJson<T>(url: string, method = 'GET', timeoutMs = 60_000): Promise<T> {
  if (!/^http:\/\/127\./.test(url)) return Promise.reject(new Error(`loopback only: ${url}`));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function uptime(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** "event loop on a CPU 43%, waiting for one 38%" since `from`. */
function schedNote(pid: number | undefined, from: Sched): string {
  const now = sched(pid);
  const wall = now.at - from.at;
  const pct = (v: number) => `${Math.round((v / wall) * 100)}%`;
  return `API event loop on CPU ${pct(now.run - from.run)}, waiting for a CPU ${pct(now.wait - from.wait)}`;
}

/**
 * Tens of thousands of sockets need as many descriptors in the API and the load processes: raise this process's
 * limit (inherited by every child) as far as the kernel allows; without the privilege it stays as it is.
 */
function raiseNofile(wanted: number): void {
  try {
    execSync(`prlimit --pid ${process.pid} --nofile=${wanted}:${wanted}`, { stdio: 'ignore' });
  } catch {
    // not allowed here: the check below warns
  }
}

function nofileLimit(): number {
  try {
    const m = /Max open files\s+(\d+)\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : Infinity;
  } catch {
    return Infinity;
  }
}

function isLoopbackUrl(raw: string): boolean {
  const host = new URL(raw).hostname;
  return host === 'localhost' || /^127\./.test(host) || host === '[::1]';
}

// ---------------------------------------------------------------- processes

const children = new Set<{ stop(): Promise<void> }>();

interface Server {
  name: string;
  url: string;
  probe: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** Spawns a measured server process with the memory/profile probe preloaded. */
async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  healthPath: string,
  nodeFlags: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const probePort = await freePort();
  const probe = pathToFileURL(path.join(BENCH_DIST, 'memory-probe.js')).href;
  const proc = spawn(process.execPath, ['--expose-gc', ...nodeFlags, '--import', probe, script], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', BENCH_PROBE_PORT: String(probePort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(d.toString());
    if (output.length > 200) output.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    name,
    url,
    probe: `http://127.0.0.1:${probePort}`,
    proc,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        children.delete(server);
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
  children.add(server);
  try {
    await waitUntil(
      async () => {
        if (proc.exitCode !== null) return true; // reported below, not retried for three minutes
        const health = await getJson<{ status?: string }>(`${url}${healthPath}`, 'GET', 2000);
        await getJson(`${server.probe}/loop`, 'GET', 2000);
        return health.status === 'ok';
      },
      180_000,
      name,
    );
    if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}`);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${output.join('').slice(-3000)}`, { cause: error });
  }
  return server;
}

/** The list cut at the counts where memory is read: [first 1,000], [up to 10,000], [up to 20,000], [the rest]. */
function memorySteps<T>(list: T[]): T[][] {
  const cuts = [...CFG.memoryAt.filter((n) => n < list.length), list.length];
  return cuts.map((end, i) => list.slice(i ? cuts[i - 1] : 0, end));
}

interface Memory {
  sockets: number;
  rss: number;
  heapUsed: number;
  /** Outside the JS heap: Buffers and ArrayBuffers (PGlite's WebAssembly memory among them). */
  external?: number;
  heapTotal?: number;
  /** RSS and heap size right after V8's last-resort GC, which compacts every page (what an idle process gets back). */
  compacted?: { rss: number; heapTotal: number };
  spaces?: Record<string, { size: number; used: number }>;
}
async function memory(server: Server, sockets: number): Promise<Memory> {
  // let the stats timer and any pending work run out (BENCH_MEMORY_SETTLE_S: longer, for V8's idle-time heap shrinking)
  await sleep(Number(process.env.BENCH_MEMORY_SETTLE_S ?? 1.5) * 1000);
  const m = await getJson<{
    rss: number;
    heapUsed: number;
    heapTotal: number;
    external: number;
    spaces: Record<string, { size: number; used: number }>;
  }>(`${server.probe}/mem`);
  // BENCH_HEAP_SNAPSHOTS=1: a heap snapshot at 0 and 1,000 sockets, to see what one connection holds (compare the two).
  if (process.env.BENCH_HEAP_SNAPSHOTS === '1' && sockets <= 1000) {
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const file = path.join(PROFILE_DIR, `${server.name}-${sockets}.heapsnapshot`);
    await getJson(`${server.probe}/heap?file=${encodeURIComponent(file)}`, 'POST', 300_000);
  }
  const c = await getJson<{ rss: number; heapTotal: number }>(`${server.probe}/mem?gc=compact`);
  return {
    sockets,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    compacted: { rss: c.rss, heapTotal: c.heapTotal },
    spaces: m.spaces,
  };
}

/** RSS after the compacting GC, per socket (KB), as a note next to the plain figure. */
function compactedNote(m: Memory, m0: Memory): string {
  if (!m.compacted || !m0.compacted) return '';
  return `after a compacting GC ${((m.compacted.rss - m0.compacted.rss) / m.sockets / 1024).toFixed(1)} KB; heap committed ${((m.heapTotal ?? 0) / 2 ** 20).toFixed(0)} MB`;
}

const PROFILE_DIR = path.join(ARTIFACTS, 'bench-profiles');
const profiles: Record<string, ProfileSummary> = {};
/** Profiles `run`; it may stop the profiler earlier itself (`stop`), to leave its clean-up out. */
async function profiled<T>(server: Server, key: string, run: (stop: () => Promise<void>) => Promise<T>): Promise<T> {
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, `${key}.cpuprofile`);
  await getJson(`${server.probe}/profile/start?interval=500`, 'POST');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await getJson(`${server.probe}/profile/stop?file=${encodeURIComponent(file)}`, 'POST');
    try {
      profiles[key] = summarizeProfile(file);
      console.log(formatProfile(key, profiles[key]));
    } catch (error) {
      log(`profile ${key} could not be read: ${String(error)}`);
    }
  };
  try {
    return await run(stop);
  } finally {
    await stop();
  }
}

// ---------------------------------------------------------------- load processes and what they see

/** Offers and board deltas seen by the load processes, by shift id, stamped with the shared clock. */
class Seen {
  readonly offers = new Map<string, number[]>();
  readonly boards = new Map<string, number[]>();
  private waiters = new Set<{ check(): boolean; resolve(ok: boolean): void }>();

  add(r: Report): void {
    const target = r.type === 'offers' ? this.offers : r.type === 'boards' ? this.boards : undefined;
    if (!target) return;
    for (const item of r.items as Array<[string, number]>) {
      let list = target.get(item[0]);
      if (!list) target.set(item[0], (list = []));
      list.push(item[1]);
    }
    for (const w of this.waiters) {
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve(true);
      }
    }
  }

  wait(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        check,
        resolve: (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  count(kind: 'offers' | 'boards', id: string): number {
    return (kind === 'offers' ? this.offers : this.boards).get(id)?.length ?? 0;
  }

  forget(id: string): void {
    this.offers.delete(id);
    this.boards.delete(id);
  }

  clear(): void {
    this.offers.clear();
    this.boards.clear();
  }
}

/**
 * Source addresses for the load's sockets, spread over 127.0.0.0/8: one address has ~28,000 ephemeral ports for
 * one server port, and a previous phase's closed sockets still hold theirs (TIME_WAIT, 60 s). Each call takes
 * fresh addresses, at most 5,000 sockets on each.
 */
let nextAddress = 0;
function sourceAddresses(sockets: number): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(sockets / 5000)) }, () => {
    const n = nextAddress++ % 35_000;
    return `127.${100 + Math.floor(n / 250)}.${n % 250}.1`;
  });
}

class Load {
  readonly loaders: Child[];
  readonly poster: Child;
  readonly seen = new Seen();

  constructor(count: number) {
    this.loaders = Array.from({ length: count }, (_, i) => new Child(`load-${i}`, path.join(BENCH_DIST, 'load.js')));
    this.poster = new Child('poster', path.join(BENCH_DIST, 'poster.js'));
    for (const c of [...this.loaders, this.poster]) {
      c.onReport((r) => this.seen.add(r));
      children.add(c);
    }
  }

  /** Connects workers spread over the load processes (round robin); with `presence` each starts waiting. */
  async workers(url: string, list: Array<{ id: string; token: string; lat: number; lng: number }>, presence: boolean, baseline = false) {
    const parts = this.loaders.map((_, j) => list.filter((_w, i) => i % this.loaders.length === j));
    const results = await Promise.all(
      this.loaders.map((l, j) =>
        l.call<{ connected: number; failed: number; retried: number; errors: Record<string, number>; p50: number; p99: number }>(
          'workers',
          {
            url,
            workers: parts[j],
            presence,
            baseline,
            concurrency: 25,
            localAddresses: sourceAddresses(parts[j].length),
          },
        ),
      ),
    );
    const connected = results.reduce((a, r) => a + r.connected, 0);
    const failed = results.reduce((a, r) => a + r.failed, 0);
    const retried = results.reduce((a, r) => a + r.retried, 0);
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    return { connected, failed, retried, errors, p99: Math.max(...results.map((r) => r.p99)) };
  }

  async boards(url: string, markets: string[]) {
    const parts = this.loaders.map((_, j) => markets.filter((_m, i) => i % this.loaders.length === j));
    const results = await Promise.all(
      this.loaders.map((l, j) =>
        l.call<{ connected: number; failed: number; errors: Record<string, number> }>('boards', { url, markets: parts[j] }),
      ),
    );
    return {
      connected: results.reduce((a, r) => a + r.connected, 0),
      failed: results.reduce((a, r) => a + r.failed, 0),
      errors: results.map((r) => r.errors),
    };
  }

  async counters() {
    const all = await Promise.all(this.loaders.map((l) => l.call<Record<string, number>>('counters')));
    const sum: Record<string, number> = {};
    for (const c of all) for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  }

  async forget(shiftId?: string) {
    await Promise.all(this.loaders.map((l) => l.call('forget', { shiftId })));
    if (shiftId) this.seen.forget(shiftId);
    else this.seen.clear();
  }

  async closeSockets() {
    await Promise.all(this.loaders.map((l) => l.call('close')));
    this.seen.clear();
  }

  async stop() {
    for (const c of [...this.loaders, this.poster]) children.delete(c);
    await Promise.all([...this.loaders, this.poster].map((c) => c.stop()));
  }
}

// ---------------------------------------------------------------- results

interface Row {
  group: string;
  figure: string;
  unit: string;
  stats?: Summary;
  value?: number;
  note?: string;
}
interface Verdict {
  target: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}
const rows: Row[] = [];
const verdicts: Verdict[] = [];
const details: Record<string, unknown> = {};
let scaleOutResult: ScaleOutResult | undefined;

function addRow(row: Row): void {
  rows.push(row);
}
function verdict(target: string, measured: string, pass: boolean | null, note?: string): void {
  verdicts.push({ target, measured, pass, note });
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : v > 0 ? '∞' : '–');

function printTable(): void {
  const lines: string[] = [];
  const head = ['figure', 'n', 'median', 'p95', 'p99', 'unit / note'];
  const table = rows.map((r) =>
    r.stats
      ? [
          `${r.group} ${r.figure}`,
          String(r.stats.n),
          ms(r.stats.median),
          ms(r.stats.p95),
          ms(r.stats.p99),
          r.unit + (r.note ? `  ${r.note}` : ''),
        ]
      : [`${r.group} ${r.figure}`, '', r.value === undefined ? '' : ms(r.value), '', '', r.unit + (r.note ? `  ${r.note}` : '')],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const fmt = (cols: string[]) =>
    cols.map((c, i) => (i === 0 || i === cols.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push('', fmt(head), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) lines.push(fmt(t));
  lines.push('', 'Targets (2 cores, loopback, embedded mode unless named):');
  for (const v of verdicts)
    lines.push(
      `  ${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'MISS'}  ${v.target.padEnd(58)} ${v.measured}${v.note ? `  (${v.note})` : ''}`,
    );
  console.log(lines.join('\n'));
}

function writeJson(aborted?: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'bench.json');
  const round3 = (s?: Summary) =>
    s && {
      n: s.n,
      median: round(s.median, 3),
      p95: round(s.p95, 3),
      p99: round(s.p99, 3),
      min: round(s.min, 3),
      max: round(s.max, 3),
      mean: round(s.mean, 3),
    };
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        aborted,
        durationS: round((Date.now() - started) / 1000, 1),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          memoryGb: round(os.totalmem() / 2 ** 30, 1),
          node: process.version,
          platform: `${os.type()} ${os.release()}`,
        },
        config: CFG,
        scaleOut: scaleOutResult,
        load: details.load,
        results: rows.map((r) => ({ ...r, stats: round3(r.stats) })),
        targets: verdicts,
        profiles,
        details,
      },
      null,
      2,
    ),
  );
  return file;
}

// ---------------------------------------------------------------- scenarios

/** Shift windows that never overlap, so one scenario's offers and hires never make workers busy for the next. */
let windowIndex = 0;
function nextWindow(): { startsAt: string; endsAt: string } {
  const start = Date.now() + 3600_000 + windowIndex++ * 3 * 3600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() };
}
const PLACE = { center: CITY, radiusKm: 4 };

function boardMarkets(count: number): string[] {
  return Array.from({ length: count }, (_, i) => BOARD_MARKETS[i % BOARD_MARKETS.length]);
}

async function ranking(): Promise<void> {
  log(`ranking: ${CFG.rankingWorkers.toLocaleString()} waiting workers in memory, ${CFG.rankingIterations} shifts`);
  const child = new Child('ranking', path.join(BENCH_DIST, 'ranking.js'));
  children.add(child);
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const profileFile = path.join(PROFILE_DIR, 'ranking.cpuprofile');
  try {
    const r = await child.call<{
      firstWave: { total: Summary; candidates: Summary };
      wholeCity: { total: Summary; candidates: Summary };
    }>('run', {
      workers: CFG.rankingWorkers,
      iterations: CFG.rankingIterations,
      wideIterations: QUICK ? 3 : 10,
      profileFile,
      timeBudgetMs: QUICK ? 5000 : 20_000,
    });
    const g = '[in-process]';
    const cand = (s: Summary) => `workers scored: median ${Math.round(s.median).toLocaleString()}`;
    addRow({
      group: g,
      figure: 'ranking 5 km (first wave): forEachNearby → TopRanked(50)',
      unit: 'ms',
      stats: r.firstWave.total,
      note: cand(r.firstWave.candidates),
    });
    addRow({
      group: g,
      figure: 'ranking 50 km (whole city): forEachNearby → TopRanked(50)',
      unit: 'ms',
      stats: r.wholeCity.total,
      note: cand(r.wholeCity.candidates),
    });
    verdict(
      `ranking p50 ≤ ${TARGETS.rankingP50} ms, p99 ≤ ${TARGETS.rankingP99} ms (5 km, 100k waiting)`,
      `p50 ${ms(r.firstWave.total.median)} ms, p99 ${ms(r.firstWave.total.p99)} ms`,
      r.firstWave.total.median <= TARGETS.rankingP50 && r.firstWave.total.p99 <= TARGETS.rankingP99,
    );
    details.ranking = r;
    profiles.ranking = summarizeProfile(profileFile);
    console.log(formatProfile('ranking (in-process, 5 km)', profiles.ranking));
  } finally {
    children.delete(child);
    await child.stop();
  }
}

interface Latency {
  one: Summary;
  boardEach: Summary;
  boardLast: Summary;
}

async function baseline(
  load: Load,
  workerIds: string[],
  memoryOnly = false,
): Promise<{ latency?: Latency; perSocket: { rss: number; heap: number; at: number }[] }> {
  log('baseline: bare Socket.IO relay server');
  const server = await startServer('baseline', path.join(BENCH_DIST, 'baseline-server.js'), {}, '/health');
  try {
    const mems: Memory[] = [await memory(server, 0)];
    const specs = workerIds.map((id) => ({ id, token: '', lat: 0, lng: 0 }));
    const c = { connected: 0, failed: 0 };
    for (const part of memorySteps(specs)) {
      const r = await load.workers(server.url, part, false, true);
      c.connected += r.connected;
      c.failed += r.failed;
      mems.push(await memory(server, c.connected));
    }
    log(`baseline: ${c.connected} sockets (${c.failed} failed)`);
    const perSocket = mems.slice(1).map((m) => ({
      at: m.sockets,
      rss: (m.rss - mems[0].rss) / m.sockets,
      heap: (m.heapUsed - mems[0].heapUsed) / m.sockets,
      note: compactedNote(m, mems[0]),
    }));
    details.baselineMemory = mems;
    const g = '[baseline]';
    for (const p of perSocket) {
      addRow({ group: g, figure: `RSS per socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.rss / 1024, note: p.note });
      addRow({ group: g, figure: `heap per socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.heap / 1024 });
    }
    if (memoryOnly) return { perSocket };
    const b = await load.boards(
      server.url,
      Array.from({ length: CFG.boards }, () => 'all'),
    );

    const one: number[] = [];
    const each: number[] = [];
    const last: number[] = [];
    let missed = 0;
    let until = Date.now() + CFG.baselineBudgetMs;
    for (let i = 0; i < CFG.baselineSamples && (i < 20 || Date.now() < until); i++) {
      const id = `baseline-one-${i}`;
      const target = workerIds[(i * 7919) % workerIds.length];
      const r = await load.poster.call<{ t0: number; status: number }>('relay', {
        url: server.url,
        body: { nsp: '/worker', room: `worker:${target}`, event: 'offer', payload: offerLike(id) },
      });
      if (!(await load.seen.wait(() => load.seen.count('offers', id) >= 1, 5000))) missed++;
      one.push(Math.min(...(load.seen.offers.get(id) ?? [Infinity])) - r.t0);
      load.seen.forget(id);
    }
    until = Date.now() + CFG.baselineBudgetMs;
    for (let i = 0; i < CFG.baselineSamples && (i < 20 || Date.now() < until); i++) {
      const id = `baseline-board-${i}`;
      const r = await load.poster.call<{ t0: number }>('relay', {
        url: server.url,
        body: { nsp: '/board', room: 'board:all', event: 'shift:opened', payload: { seq: i + 1, shift: boardShiftLike(id) } },
      });
      if (!(await load.seen.wait(() => load.seen.count('boards', id) >= b.connected, 5000))) missed++;
      const times = (load.seen.boards.get(id) ?? []).map((t) => t - r.t0);
      each.push(...times);
      last.push(times.length >= b.connected ? Math.max(...times) : Infinity);
      load.seen.forget(id);
    }
    await load.forget();
    const latency = { one: summarize(one), boardEach: summarize(each), boardLast: summarize(last) };
    addRow({
      group: g,
      figure: 'HTTP→one client (bare Socket.IO relay)',
      unit: 'ms',
      stats: latency.one,
      note: `${c.connected.toLocaleString()} sockets connected`,
    });
    addRow({ group: g, figure: `HTTP→${b.connected} clients, each client`, unit: 'ms', stats: latency.boardEach });
    addRow({ group: g, figure: `HTTP→${b.connected} clients, last of them`, unit: 'ms', stats: latency.boardLast });
    if (missed) log(`baseline: ${missed} relays not seen in time`);
    return { latency, perSocket };
  } finally {
    await load.closeSockets();
    await server.stop();
  }
}

interface BaselineBurst {
  offers: number;
  rate: Summary;
  emitRate: Summary;
  cpuMsPerOffer: Summary;
  /** Accept acks of the bare server's races (the first `raceSlots` accepts of an offer win). */
  raceAcks: Summary;
}

/**
 * The fan-out baseline: the bare Socket.IO server holds the fan-out phase's workers and emits one offer-sized
 * event to each worker's room, one emit per room as the API's notifier does. CPU is its main thread's
 * (schedstat, µs resolution: a burst is a few tens of ms).
 */
async function baselineBurst(load: Load, workerIds: string[]): Promise<BaselineBurst> {
  log(`baseline: ${CFG.bursts} bursts of ${workerIds.length.toLocaleString()} offers from the bare Socket.IO server`);
  const server = await startServer(
    'baseline-burst',
    path.join(BENCH_DIST, 'baseline-server.js'),
    { RACE_SLOTS: String(CFG.raceSlots) },
    '/health',
  );
  try {
    const c = await load.workers(
      server.url,
      workerIds.map((id) => ({ id, token: '', lat: 0, lng: 0 })),
      false,
      true,
    );
    const bursts: Array<{ rate: number; emitRate: number; cpuMsPerOffer: number }> = [];
    for (let i = 0; i < CFG.bursts + 1; i++) {
      const id = `baseline-burst-${i}`;
      const s0 = sched(server.proc.pid);
      const r = await load.poster.call<{ t0: number }>('relay', {
        url: server.url,
        body: { nsp: '/worker', rooms: workerIds.map((w) => `worker:${w}`), event: 'offer', payload: offerLike(id) },
      });
      await load.seen.wait(() => load.seen.count('offers', id) >= c.connected, 30_000);
      await sleep(50);
      const cpuMs = sched(server.proc.pid).run - s0.run;
      const times = load.seen.offers.get(id) ?? [];
      const last = Math.max(...times) - r.t0;
      const first = Math.min(...times) - r.t0;
      // the first burst warms the JIT up and is not counted
      if (i > 0)
        bursts.push({
          rate: times.length / (last / 1000),
          emitRate: times.length / (Math.max(1, last - first) / 1000),
          cpuMsPerOffer: cpuMs / times.length,
        });
      await load.forget();
    }
    const race = await baselineRaces(load, server, workerIds);
    const result = {
      offers: c.connected,
      rate: summarize(bursts.map((b) => b.rate)),
      emitRate: summarize(bursts.map((b) => b.emitRate)),
      cpuMsPerOffer: summarize(bursts.map((b) => b.cpuMsPerOffer)),
      raceAcks: summarize(race.acks),
    };
    const g = '[baseline]';
    addRow({
      group: g,
      figure: `offers delivered per second (HTTP → last of ${c.connected.toLocaleString()})`,
      unit: 'offers/s',
      stats: result.rate,
    });
    addRow({ group: g, figure: '  the same, first offer → last offer only (the emitting)', unit: 'offers/s', stats: result.emitRate });
    addRow({ group: g, figure: '  CPU per offer (main thread)', unit: 'ms', stats: result.cpuMsPerOffer });
    addRow({
      group: g,
      figure: `${c.connected.toLocaleString()}-way race for ${CFG.raceSlots} slots: accept ack latency (acked at once)`,
      unit: 'ms',
      stats: result.raceAcks,
      note: `races after ${CFG.raceWarmups} not counted; the first: median ${ms(race.cold.median)}, p99 ${ms(race.cold.p99)} ms; winners per race ${race.winners.join(',')}; ${race.note}`,
    });
    details.baselineBurst = { bursts, ...result, raceWinners: race.winners };
    return result;
  } finally {
    await load.closeSockets();
    await server.stop();
  }
}

/** A series of races' ack latencies: the first `CFG.raceWarmups` are not counted, the very first is kept apart. */
class RaceTally {
  readonly acks: number[] = [];
  cold: Summary = summarize([]);
  private races = 0;

  /** Takes one race's ack latencies; answers its name and figures for the log. */
  add(ackMs: number[]): string {
    const i = this.races++;
    const one = summarize(ackMs);
    if (i === 0) this.cold = one;
    if (i >= CFG.raceWarmups) this.acks.push(...ackMs);
    return `race ${i}${i < CFG.raceWarmups ? ' (warm-up)' : ''}: ack median ${ms(one.median)}, p99 ${ms(one.p99)}, last ${ms(one.max)} ms`;
  }
}

/**
 * The transport's share of the accept race: the same sockets get one offer each from the bare server, then
 * accept it all at once, as in the API's race; the server acks each at once (no database, no gate).
 */
async function baselineRaces(load: Load, server: Server, workerIds: string[]) {
  const tally = new RaceTally();
  const winners: number[] = [];
  const s0 = sched(server.proc.pid);
  const race = async (id: string) => {
    await load.poster.call('relay', {
      url: server.url,
      body: { nsp: '/worker', rooms: workerIds.map((w) => `worker:${w}`), event: 'offer', payload: offerLike(id, id) },
    });
    await load.seen.wait(() => load.seen.count('offers', id) >= workerIds.length, 30_000);
    await sleep(50);
    const results = (
      await Promise.all(load.loaders.map((l) => l.call<Array<{ ms: number; ok: boolean }>>('accept', { shiftId: id }, 120_000)))
    ).flat();
    load.seen.forget(id);
    return results;
  };
  for (let i = 0; i < CFG.raceWarmups + CFG.raceRepeats; i++) {
    const results = await race(`baseline-race-${i}`);
    winners.push(results.filter((r) => r.ok).length);
    log(`baseline: ${tally.add(results.map((r) => r.ms))}`);
  }
  await profiled(server, 'baseline-race', () => race('baseline-race-profiled'));
  return { acks: tally.acks, winners, cold: tally.cold, note: schedNote(server.proc.pid, s0) };
}

function offerLike(shiftId: string, offerId = '1f0c0f0e-7c55-4a4e-9d1e-5f3c1a2b3c4d') {
  return {
    offerId,
    shift: {
      id: shiftId,
      title: '配电箱安装（压测）',
      trade: 'electrician',
      wage: { amount: 300, unit: 'day' },
      location: { lat: 36.06, lng: 103.84 },
      address: '兰州市城关区庆阳路 1 号',
      startsAt: new Date().toISOString(),
      endsAt: new Date().toISOString(),
      terms: { transportProvided: false, mealsProvided: true, nightWork: false, physicalDemand: 'moderate', olderFriendly: false },
      employerName: '压测用工单位',
      description: '压测发布的用工，会被立即取消',
    },
    distanceKm: 1.2,
    expiresAt: new Date().toISOString(),
    reasons: ['1.2 km', '可靠度 95%', '今日已等候 40 分钟'],
    reasonDetails: [
      { code: 'distance', value: 1.2, weight: 0.45 },
      { code: 'reliability', value: 95, weight: 0.25 },
      { code: 'waiting', value: 40, weight: 0.05 },
    ],
  };
}
function boardShiftLike(id: string) {
  const { shift } = offerLike(id);
  return {
    ...shift,
    tradeName: '电工',
    tradeNameEn: 'Electrician',
    headcount: 1,
    filled: 0,
    remaining: 1,
    status: 'open',
    distanceKm: 1.2,
    postedAt: new Date().toISOString(),
  };
}

interface Api {
  server: Server;
  label: string;
}

async function startApi(label: string, db: PreparedDatabase, secret: string, env: Record<string, string>): Promise<Api> {
  const server = await startServer(
    `api-${label}`,
    path.join(ROOT, 'api/dist/main.js'),
    {
      ...db.env,
      AUTH_SECRET: secret,
      LOG_LEVEL: 'warn',
      DEMO_DATA: '1',
      INSTANCE_ID: `bench-${label}`,
      DISPATCH_OFFER_TTL_S: '900',
      SHUTDOWN_DRAIN_S: '0',
      SHUTDOWN_SPREAD_S: '0',
      ...env,
    },
    '/api/health',
    // BENCH_API_NODE_FLAGS: V8/Node flags for the API process only (e.g. GC tuning); the baseline runs without.
    (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  );
  return { server, label };
}

/** Connects the workers (memory read at 0, 1,000, 10,000, 20,000 and all) and the boards. */
async function connectAll(api: Api, load: Load, people: BenchPeople, measureMemory: boolean) {
  const mems: Memory[] = [];
  if (measureMemory) mems.push(await memory(api.server, 0));
  const t0 = Date.now();
  let total = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  const cpu0 = cpuSeconds(api.server.proc.pid);
  const sched0 = sched(api.server.proc.pid);
  const connectWorkers = async () => {
    for (const part of memorySteps(people.workers)) {
      const r = await load.workers(api.server.url, part, true);
      total += r.connected;
      failed += r.failed;
      for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
      log(
        `${api.label}: ${total.toLocaleString()} workers waiting (${r.retried} needed a second try, ${failed} failed${failed ? `: ${JSON.stringify(errors)}` : ''})`,
      );
      if (measureMemory) mems.push(await memory(api.server, total));
    }
  };
  // What a connect costs (handshake auth, open offers, presence): profiled where memory is not read.
  if (measureMemory) await connectWorkers();
  else await profiled(api.server, `${api.label}-connect`, connectWorkers);
  const connectS = (Date.now() - t0) / 1000;
  const connectCpu = cpuSeconds(api.server.proc.pid) - cpu0;
  const connectSched = schedNote(api.server.proc.pid, sched0);
  const b = await load.boards(api.server.url, boardMarkets(CFG.boards));
  log(
    `${api.label}: ${b.connected} boards connected (${b.failed} failed); workers took ${connectS.toFixed(1)} s, API CPU ${connectCpu.toFixed(1)} s`,
  );
  addRow({
    group: `[${api.label}]`,
    figure: 'connect + presence waiting, per worker (setup)',
    unit: 'ms API CPU',
    value: (connectCpu * 1000) / Math.max(1, total),
    note: `${total.toLocaleString()} workers in ${connectS.toFixed(1)} s wall; ${connectSched}`,
  });
  return { workers: total, boards: b.connected, mems };
}

async function latencyScenario(api: Api, load: Load, people: BenchPeople, boards: number, samples: number, budgetMs: number) {
  const until = Date.now() + budgetMs;
  const first: number[] = [];
  const each: number[] = [];
  const last: number[] = [];
  const post: number[] = [];
  let noOffer = 0;
  let missingBoards = 0;
  let errors = 0;
  for (let i = 0; i < samples && (i < 20 || Date.now() < until); i++) {
    const r = await load.poster.call<{ t0: number; t1: number; status: number; id?: string; body?: unknown }>('postRandom', {
      url: api.server.url,
      token: people.employer.token,
      place: PLACE,
      window: nextWindowFixed,
    });
    if (r.status !== 201 || !r.id) {
      errors++;
      if (errors <= 3) log(`POST /api/shifts → ${r.status} ${JSON.stringify(r.body)}`);
      continue;
    }
    const id = r.id;
    await load.seen.wait(() => load.seen.count('offers', id) >= 1 && load.seen.count('boards', id) >= boards, 10_000);
    await load.poster.call('cancel', { url: api.server.url, token: people.employer.token, ids: [id], concurrency: 1 });
    await sleep(20); // the last reports of this shift arrive (each load process flushes every 10 ms)
    const offers = load.seen.offers.get(id) ?? [];
    const seenBoards = (load.seen.boards.get(id) ?? []).map((t) => t - r.t0);
    if (!offers.length) noOffer++;
    if (seenBoards.length < boards) missingBoards += boards - seenBoards.length;
    first.push(offers.length ? Math.min(...offers) - r.t0 : Infinity);
    each.push(...seenBoards, ...Array<number>(Math.max(0, boards - seenBoards.length)).fill(Infinity));
    last.push(seenBoards.length >= boards ? Math.max(...seenBoards) : Infinity);
    post.push(r.t1 - r.t0);
    load.seen.forget(id);
  }
  await load.forget();
  return {
    first: summarize(first),
    boardEach: summarize(each),
    boardLast: summarize(last),
    post: summarize(post),
    noOffer,
    missingBoards,
    errors,
  };
}
/** The latency scenario's shifts all share one window: each is cancelled before the next is posted. */
let nextWindowFixed = nextWindow();

/** Phase A: default dispatch settings; latency, memory per socket, sustained posting. */
async function phaseLatency(
  label: string,
  db: PreparedDatabase,
  secret: string,
  env: Record<string, string>,
  load: Load,
  base?: Latency,
  memoryOnly = false,
) {
  log(`${label}: starting the API (default dispatch settings)`);
  const api = await startApi(label, db, secret, env);
  const g = `[${label}]`;
  try {
    const setup = await connectAll(api, load, db.people, true);
    nextWindowFixed = nextWindow();
    // --- memory per connected worker
    const m0 = setup.mems[0];
    const perSocket = setup.mems.slice(1).map((m) => ({
      at: m.sockets,
      rss: (m.rss - m0.rss) / m.sockets,
      heap: (m.heapUsed - m0.heapUsed) / m.sockets,
      note: compactedNote(m, m0),
    }));
    for (const p of perSocket) {
      addRow({
        group: g,
        figure: `RSS per waiting worker socket @ ${p.at.toLocaleString()}`,
        unit: 'KB',
        value: p.rss / 1024,
        note: p.note,
      });
      addRow({ group: g, figure: `heap per waiting worker socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.heap / 1024 });
    }
    details[`${label}.memory`] = setup.mems;
    if (memoryOnly) return { perSocket, workers: setup.workers };

    // --- POST → first offer / → boards
    log(`${label}: POST→first offer and →boards, ${CFG.latencySamples} shifts one after another`);
    const cpu0 = cpuSeconds(api.server.proc.pid);
    const sched0 = sched(api.server.proc.pid);
    const t0 = Date.now();
    const lat = await latencyScenario(api, load, db.people, setup.boards, CFG.latencySamples, CFG.latencyBudgetMs);
    const cpuPerShift = ((cpuSeconds(api.server.proc.pid) - cpu0) * 1000) / Math.max(1, lat.first.n);
    const latencySched = schedNote(api.server.proc.pid, sched0);
    log(`${label}: ${latencySched}; load average ${os.loadavg()[0].toFixed(2)}`);
    const wk = `${setup.workers.toLocaleString()} workers, ${setup.boards} boards`;
    addRow({
      group: g,
      figure: 'POST /api/shifts → first offer at a worker',
      unit: 'ms',
      stats: lat.first,
      note: `${wk}${lat.noOffer ? `, ${lat.noOffer} without offer` : ''}`,
    });
    addRow({
      group: g,
      figure: 'POST /api/shifts → shift:opened, each board',
      unit: 'ms',
      stats: lat.boardEach,
      note: lat.missingBoards ? `${lat.missingBoards} missing` : '',
    });
    addRow({ group: g, figure: `POST /api/shifts → shift:opened, last of ${setup.boards} boards`, unit: 'ms', stats: lat.boardLast });
    addRow({
      group: g,
      figure: 'POST /api/shifts → 201 response',
      unit: 'ms',
      stats: lat.post,
      note: `API CPU ${cpuPerShift.toFixed(1)} ms per shift (incl. its cancel), ${((Date.now() - t0) / 1000).toFixed(0)} s; ${latencySched}`,
    });
    details[`${label}.latency`] = lat;
    const isEmbedded = label === 'embedded';
    if (isEmbedded) {
      verdict(
        `POST→first offer p99 ≤ ${TARGETS.firstOfferP99} ms (${wk})`,
        `p99 ${ms(lat.first.p99)} ms (median ${ms(lat.first.median)})`,
        lat.first.p99 <= TARGETS.firstOfferP99,
      );
      verdict(
        `POST→board p99 ≤ ${TARGETS.boardP99} ms (each of ${setup.boards} boards)`,
        `p99 ${ms(lat.boardEach.p99)} ms (last board p99 ${ms(lat.boardLast.p99)})`,
        lat.boardEach.p99 <= TARGETS.boardP99,
      );
      if (base) {
        const r1 = lat.first.median / base.one.median;
        const r1p = lat.first.p99 / base.one.p99;
        const r2 = lat.boardEach.median / base.boardEach.median;
        const r2p = lat.boardEach.p99 / base.boardEach.p99;
        addRow({
          group: '[ratio]',
          figure: 'POST→first offer ÷ baseline HTTP→one client',
          unit: '×',
          value: r1,
          note: `p99 ÷ p99: ${r1p.toFixed(1)}×`,
        });
        addRow({
          group: '[ratio]',
          figure: 'POST→board ÷ baseline HTTP→200 clients',
          unit: '×',
          value: r2,
          note: `p99 ÷ p99: ${r2p.toFixed(1)}×`,
        });
        verdict(
          `latency overhead ≤ ${TARGETS.overheadLatency}× baseline, first offer (median; p99)`,
          `${r1.toFixed(1)}×; ${r1p.toFixed(1)}×`,
          r1 <= TARGETS.overheadLatency && r1p <= TARGETS.overheadLatency,
        );
        verdict(
          `latency overhead ≤ ${TARGETS.overheadLatency}× baseline, boards (median; p99)`,
          `${r2.toFixed(1)}×; ${r2p.toFixed(1)}×`,
          r2 <= TARGETS.overheadLatency && r2p <= TARGETS.overheadLatency,
        );
      }
    }
    // The same again under the CPU profiler (not counted above).
    await profiled(api.server, `${label}-post-to-offer`, () =>
      latencyScenario(api, load, db.people, setup.boards, CFG.profiledSamples, CFG.latencyBudgetMs / 4),
    );

    // --- sustained posting
    await rampScenario(api, load, db.people, label);
    return { perSocket, workers: setup.workers };
  } finally {
    await load.closeSockets();
    await api.server.stop();
  }
}

interface StepResult {
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

async function rampStep(api: Api, load: Load, people: BenchPeople, rate: number, durationMs: number): Promise<StepResult> {
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
async function rampScenario(api: Api, load: Load, people: BenchPeople, label: string) {
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

/** Phase B: DISPATCH_FANOUT=100 and a 50 km first wave, so one shift offers to thousands: races and offer bursts. */
async function phaseFanout(
  label: string,
  db: PreparedDatabase,
  secret: string,
  env: Record<string, string>,
  load: Load,
  base?: BaselineBurst,
) {
  log(`${label}: starting the API with DISPATCH_FANOUT=100, DISPATCH_START_RADIUS_KM=50`);
  const api = await startApi(label, db, secret, { ...env, DISPATCH_FANOUT: '100', DISPATCH_START_RADIUS_KM: '50' });
  const g = `[${label}]`;
  const isEmbedded = label.startsWith('embedded');
  try {
    const setup = await connectAll(api, load, db.people, false);
    const racers = Math.min(CFG.racers, setup.workers);
    const slots = Math.min(CFG.raceSlots, racers);
    const headcount = slots;
    const expectedOffers = Math.min(setup.workers, headcount * 100);

    // --- the race
    const winners: number[] = [];
    const filledCounts: number[] = [];
    const codes: Record<string, number> = {};
    const bursts: Array<{ offers: number; ms: number; rate: number }> = [];
    const race = async () => {
      const withdrawnBefore = (await load.counters()).withdrawn ?? 0;
      const r = await load.poster.call<{ t0: number; status: number; id?: string; body?: unknown }>('post', {
        url: api.server.url,
        token: db.people.employer.token,
        body: raceBody(headcount, nextWindow()),
      });
      if (r.status !== 201 || !r.id) throw new Error(`race POST → ${r.status} ${JSON.stringify(r.body)}`);
      const id = r.id;
      await load.seen.wait(() => load.seen.count('offers', id) >= expectedOffers, 60_000);
      await sleep(50);
      const times = load.seen.offers.get(id) ?? [];
      bursts.push({ offers: times.length, ms: Math.max(...times) - r.t0, rate: times.length / ((Math.max(...times) - r.t0) / 1000) });
      const results = (
        await Promise.all(
          load.loaders.map((l) => l.call<Array<{ ms: number; ok: boolean; code: string }>>('accept', { shiftId: id }, 120_000)),
        )
      ).flat();
      const shift = await load.poster.call<{ status: number; body: { filled?: number; hires?: unknown[]; status?: string } }>('get', {
        url: api.server.url,
        token: db.people.employer.token,
        path: `/api/shifts/${id}`,
      });
      load.seen.forget(id);
      // Each race starts from the same state: the losers' offers of the last one are withdrawn and told.
      const losers = times.length - results.filter((x) => x.ok).length;
      await waitFor(async () => ((await load.counters()).withdrawn ?? 0) >= withdrawnBefore + losers, 10_000);
      return { results, offers: times.length, filled: shift.body.filled ?? -1, hires: shift.body.hires?.length ?? -1 };
    };
    log(
      `${label}: ${CFG.raceRepeats} races of ${racers} workers for ${slots} slots, after ${CFG.raceWarmups} that warm the accept path up`,
    );
    const raceSched = sched(api.server.proc.pid);
    const tally = new RaceTally();
    for (let i = 0; i < CFG.raceWarmups + CFG.raceRepeats; i++) {
      const { results, offers, filled, hires } = await race();
      const ok = results.filter((x) => x.ok).length;
      winners.push(ok);
      filledCounts.push(filled);
      for (const x of results) codes[x.code] = (codes[x.code] ?? 0) + 1;
      log(
        `${label}: ${tally.add(results.map((x) => x.ms))}; ${offers} offers out, ${results.length} accepts, ${ok} won, shift filled ${filled}, hires ${hires}`,
      );
      if (hires !== ok) log(`${label}: race ${i}: hires listed (${hires}) differ from winning acks (${ok})`);
    }
    const raceNote = schedNote(api.server.proc.pid, raceSched);
    await profiled(api.server, `${label}-race`, race);
    const ackStats = summarize(tally.acks);
    const exact = winners.every((w) => w === slots) && filledCounts.every((f) => f === slots);
    addRow({
      group: g,
      figure: `${racers}-way race for ${slots} slots: accept ack latency`,
      unit: 'ms',
      stats: ackStats,
      note: `races after ${CFG.raceWarmups} not counted; the first after start: median ${ms(tally.cold.median)}, p99 ${ms(tally.cold.p99)} ms; winners per race (the first too) ${winners.join(',')}; filled ${filledCounts.join(',')}; answers ${JSON.stringify(codes)}; ${raceNote}`,
    });
    details[`${label}.race`] = { winners, filledCounts, codes, acks: ackStats, coldRace: tally.cold };
    if (base)
      addRow({
        group: '[ratio]',
        figure: 'race accept ack ÷ baseline (median; p99)',
        unit: '×',
        value: ackStats.median / base.raceAcks.median,
        note: `p99 ${(ackStats.p99 / base.raceAcks.p99).toFixed(2)}×`,
      });
    if (isEmbedded) {
      verdict(
        `${racers}-way race p99 ≤ ${TARGETS.raceP99} ms with exactly ${slots} winners`,
        `p99 ${ms(ackStats.p99)} ms; winners ${winners.join(',')}`,
        ackStats.p99 <= TARGETS.raceP99 && exact,
        base ? `the bare Socket.IO server acking the same race at once: p99 ${ms(base.raceAcks.p99)} ms` : undefined,
      );
    }

    // --- offer bursts: one shift offered to every waiting worker
    const burstHeadcount = Math.min(200, Math.ceil(setup.workers / 100));
    const burstExpected = Math.min(setup.workers, burstHeadcount * 100);
    const offerBursts: Array<{
      offers: number;
      ms: number;
      rate: number;
      firstMs: number;
      emitRate: number;
      cpuMsPerOffer: number;
      mainCpuMsPerOffer: number;
    }> = [];
    const burst = async (delivered?: () => Promise<void>) => {
      const cpu0 = cpuSeconds(api.server.proc.pid);
      const main0 = sched(api.server.proc.pid);
      const r = await load.poster.call<{ t0: number; status: number; id?: string; body?: unknown }>('post', {
        url: api.server.url,
        token: db.people.employer.token,
        body: raceBody(burstHeadcount, nextWindow()),
      });
      if (r.status !== 201 || !r.id) throw new Error(`burst POST → ${r.status} ${JSON.stringify(r.body)}`);
      const id = r.id;
      await load.seen.wait(() => load.seen.count('offers', id) >= burstExpected, 120_000);
      await sleep(50);
      const cpuMs = (cpuSeconds(api.server.proc.pid) - cpu0) * 1000;
      const mainCpuMs = sched(api.server.proc.pid).run - main0.run;
      await delivered?.();
      const times = load.seen.offers.get(id) ?? [];
      const lastMs = Math.max(...times) - r.t0;
      const firstMs = Math.min(...times) - r.t0;
      await load.poster.call('cancel', { url: api.server.url, token: db.people.employer.token, ids: [id], concurrency: 1 }, 300_000);
      await load.forget();
      return {
        offers: times.length,
        ms: lastMs,
        rate: times.length / (lastMs / 1000),
        firstMs,
        emitRate: times.length / (Math.max(1, lastMs - firstMs) / 1000),
        cpuMsPerOffer: cpuMs / Math.max(1, times.length),
        mainCpuMsPerOffer: mainCpuMs / Math.max(1, times.length),
      };
    };
    log(
      `${label}: ${CFG.bursts} offer bursts of ${burstExpected.toLocaleString()} offers (one shift, headcount ${burstHeadcount} × fan-out 100)`,
    );
    const burstSched = sched(api.server.proc.pid);
    for (let i = 0; i < CFG.bursts; i++) {
      const b = await burst();
      offerBursts.push(b);
      log(
        `${label}: burst ${i + 1}: ${b.offers} offers, first after ${ms(b.firstMs)} ms, last after ${ms(b.ms)} ms → ${Math.round(b.rate).toLocaleString()} offers/s`,
      );
    }
    const burstNote = schedNote(api.server.proc.pid, burstSched);
    // The profile stops once the offers are delivered, before the shift is cancelled.
    // The socket side alone: Notifier.pushOffers (one emit per offer through socket.io, engine.io, ws and the
    // writes) as a share of a profiled burst's busy samples, times the main thread's CPU per offer in that
    // burst: the profile is of the main thread (the baseline's CPU is its main thread's too), and V8's and
    // libuv's helper threads are not in it. Profile samples are wall time and also count time spent waiting
    // for a core; the share of busy samples does not.
    // The median of three profiled bursts: one alone moved 0.6-1.6× the baseline with a major GC inside it.
    const socketSides: Array<{ msPerOffer: number; samples: number }> = [];
    for (let k = 1; k <= 3; k++) {
      const key = `${label}-offer-burst${k === 1 ? '' : `-${k}`}`;
      const profiledBurst = await profiled(api.server, key, (stop) => burst(stop));
      const push = inclusiveShare(path.join(PROFILE_DIR, `${key}.cpuprofile`), '/api/dist/workers/worker.notifier.js', 'pushOffers');
      socketSides.push({ msPerOffer: push.share * profiledBurst.mainCpuMsPerOffer, samples: push.samples });
    }
    const emitMsPerOffer = summarize(socketSides.map((x) => x.msPerOffer)).median;
    const pushSamples = socketSides.reduce((a, x) => a + x.samples, 0);
    const rates = summarize(offerBursts.map((b) => b.rate));
    const emitRates = summarize(offerBursts.map((b) => b.emitRate));
    const cpuPerOffer = summarize(offerBursts.map((b) => b.cpuMsPerOffer));
    const mainCpuPerOffer = summarize(offerBursts.map((b) => b.mainCpuMsPerOffer));
    addRow({
      group: g,
      figure: `offers delivered per second (POST → last of ${burstExpected.toLocaleString()} offers)`,
      unit: 'offers/s',
      stats: rates,
      note: `first offer after ${offerBursts.map((b) => ms(b.firstMs)).join(', ')} ms, last after ${offerBursts.map((b) => ms(b.ms)).join(', ')} ms; race bursts (${expectedOffers}) ${bursts.map((b) => Math.round(b.rate)).join(', ')}/s; ${burstNote}`,
    });
    addRow({ group: g, figure: '  the same, first offer → last offer only (the emitting)', unit: 'offers/s', stats: emitRates });
    addRow({
      group: g,
      figure: '  API CPU per offer (whole burst, all threads)',
      unit: 'ms',
      stats: cpuPerOffer,
      note: `the event loop's thread ${mainCpuPerOffer.median.toFixed(3)} ms of it; all of it on one saturated core would be at most ${Math.round(1000 / cpuPerOffer.median).toLocaleString()} offers/s`,
    });
    addRow({
      group: g,
      figure: '  of which the socket side (Notifier.pushOffers → socket.io → write, median of 3 profiled bursts)',
      unit: 'ms',
      value: emitMsPerOffer,
      note: `${socketSides.map((x) => x.msPerOffer.toFixed(4)).join(', ')} ms; ${pushSamples} profile samples${base ? `; baseline ${base.cpuMsPerOffer.median.toFixed(4)} ms per offer` : ''}`,
    });
    details[`${label}.bursts`] = { offerBursts, raceBursts: bursts, emitRates, cpuPerOffer, mainCpuPerOffer, emitMsPerOffer };
    if (base) {
      const whole = cpuPerOffer.median / base.cpuMsPerOffer.median;
      const emitSide = emitMsPerOffer / base.cpuMsPerOffer.median;
      addRow({
        group: '[ratio]',
        figure: 'API CPU per offer ÷ baseline (whole burst; socket side)',
        unit: '×',
        value: whole,
        note: `socket side ${emitSide.toFixed(2)}×`,
      });
      if (isEmbedded) {
        verdict(
          `CPU per delivered offer ≤ 1.5× baseline (whole burst; socket side)`,
          `${whole.toFixed(1)}×; ${emitSide.toFixed(2)}× (${cpuPerOffer.median.toFixed(3)}; ${emitMsPerOffer.toFixed(4)} vs ${base.cpuMsPerOffer.median.toFixed(4)} ms)`,
          pushSamples >= 20 ? emitSide <= 1.5 : null,
          `the whole burst includes ranking and writing the offers to the database${pushSamples < 20 ? `; only ${pushSamples} samples of the socket side: too few to judge` : ''}`,
        );
      }
    }
    if (isEmbedded) {
      verdict(
        `≥ ${TARGETS.offersPerSecond.toLocaleString()} offers delivered per second`,
        `median ${Math.round(rates.median).toLocaleString()}/s over ${rates.n} bursts`,
        rates.median >= TARGETS.offersPerSecond,
      );
    }
  } catch (error) {
    log(`${label}: failed; the API's last output:\n${api.server.output.join('').slice(-4000)}`);
    throw error;
  } finally {
    await load.closeSockets();
    await api.server.stop();
  }
}

function raceBody(headcount: number, window: { startsAt: string; endsAt: string }) {
  return {
    title: '仓库装卸（抢单压测）',
    trade: 'electrician',
    headcount,
    wage: { amount: 260, unit: 'day' },
    location: { lat: CITY.lat + 0.005, lng: CITY.lng + 0.005 },
    address: '兰州市城关区东岗西路 100 号',
    startsAt: window.startsAt,
    endsAt: window.endsAt,
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'api/dist/main.js'))) throw new Error('api/dist/main.js is missing: run `npm run build` first');
  for (const u of [CFG.databaseUrl, CFG.redisUrl]) if (u && !isLoopbackUrl(u)) throw new Error(`the bench only targets 127.0.0.0/8: ${u}`);
  raiseNofile(Math.max(65_536, 2 * (CFG.workers + CFG.boards) + 1000));
  const limit = nofileLimit();
  /** One server process holds this many worker sockets at most: past its descriptor limit it stops answering at all. */
  const socketCap = Math.max(1000, limit - CFG.boards - 500);
  if (CFG.workers > socketCap) {
    log(`warning: RLIMIT_NOFILE ${limit} (not raisable here): one server process gets at most ${socketCap} worker sockets`);
  }
  const capped = (db: PreparedDatabase): PreparedDatabase => ({
    ...db,
    people: { ...db.people, workers: db.people.workers.slice(0, socketCap) },
  });
  details.load = { before: uptime() };
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; ${details.load ? (details.load as { before: string }).before : ''}`);
  log(
    `config: ${JSON.stringify({ ...CFG, databaseUrl: CFG.databaseUrl ? 'set' : undefined, redisUrl: CFG.redisUrl ? 'set' : undefined })}`,
  );
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });

  const has = (part: string) => CFG.only.includes(part);
  if (has('ranking')) await ranking();
  if (has('scaleout')) {
    scaleOutResult = await scaleOut({
      log,
      addRow,
      startApi,
      newLoad: () => new Load(CFG.loaders),
      cpuSeconds,
      sched,
      children,
      secret: newSecret(),
      quick: QUICK,
    });
  }
  if (!['baseline', 'latency', 'fanout', 'memory'].some(has)) return;

  const secret = newSecret();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-bench-'));
  const load = new Load(CFG.loaders);
  const databases: PreparedDatabase[] = [];
  /** Redis key prefixes the PostgreSQL + Redis phases gave their APIs: presence has no expiry, so the run deletes them. */
  const redisPrefixes: string[] = [];
  /** The fan-out phase reconnects only the first `fanoutWorkers` workers. */
  const fewer = (db: PreparedDatabase): PreparedDatabase => ({
    ...db,
    people: { ...db.people, workers: db.people.workers.slice(0, CFG.fanoutWorkers) },
  });
  try {
    if (CFG.modes.includes('embedded')) {
      log(`embedded: creating ${CFG.workers.toLocaleString()} worker accounts in PGlite (${tmp})`);
      const embedded = capped(await prepareEmbedded(tmp, CFG.workers, secret));
      databases.push(embedded);

      const memoryOnly = (part: string) => !has(part) && has('memory');
      const base =
        has('baseline') || has('memory')
          ? await baseline(
              load,
              embedded.people.workers.map((w) => w.id),
              memoryOnly('baseline'),
            )
          : undefined;
      const a =
        has('latency') || has('memory')
          ? await phaseLatency('embedded', embedded, secret, {}, load, base?.latency, memoryOnly('latency'))
          : undefined;
      // memory verdicts: ours vs the baseline at the largest count both reached
      const oursTop = a?.perSocket[a.perSocket.length - 1];
      const baseTop = base?.perSocket[base.perSocket.length - 1];
      if (oursTop && baseTop) {
        const heapRatio = oursTop.heap / baseTop.heap;
        const rssRatio = oursTop.rss / baseTop.rss;
        addRow({
          group: '[ratio]',
          figure: `heap per socket ÷ baseline @ ${oursTop.at.toLocaleString()}`,
          unit: '×',
          value: heapRatio,
          note: `RSS ratio ${rssRatio.toFixed(1)}×`,
        });
        verdict(
          `heap per connection ≤ ${TARGETS.overheadHeap}× baseline`,
          `${heapRatio.toFixed(1)}× (${(oursTop.heap / 1024).toFixed(1)} KB vs ${(baseTop.heap / 1024).toFixed(1)} KB)`,
          heapRatio <= TARGETS.overheadHeap,
        );
      }
      if (oursTop) {
        // RSS moves in allocator-sized steps: a few hundred sockets say little about 20,000.
        const judged = oursTop.at >= 5000;
        const note = !judged
          ? `only ${oursTop.at.toLocaleString()} sockets: too few to judge`
          : oursTop.at < 20_000
            ? `measured at ${oursTop.at.toLocaleString()}; 20,000 in one process needs RLIMIT_NOFILE > ${limit}`
            : undefined;
        verdict(
          `20,000 sockets at ≤ ${TARGETS.rssPerSocketKb} KB RSS each`,
          `${(oursTop.rss / 1024).toFixed(1)} KB per worker socket`,
          judged ? oursTop.rss / 1024 <= TARGETS.rssPerSocketKb : null,
          note,
        );
      }
      if (a) {
        const ramp = details['embedded.ramp'] as
          { steps: StepResult[]; crossing?: number; sustained: number; capacity: number } | undefined;
        if (ramp) {
          verdict(
            `sustained posting with first-offer p99 ≤ ${TARGETS.firstOfferP99} ms (no target rate set)`,
            ramp.sustained
              ? `${ramp.sustained.toFixed(1)} shifts/s`
              : `none (p99 over 40 ms from the first step, ${ramp.steps[0]?.rate}/s)`,
            null,
            `kept up with ${ramp.capacity.toFixed(1)} shifts/s at any latency`,
          );
        }
      }
      if (has('fanout')) {
        const fanoutDb = fewer(embedded);
        const baseBurst = await baselineBurst(
          load,
          fanoutDb.people.workers.map((w) => w.id),
        );
        await phaseFanout('embedded-fanout100', fanoutDb, secret, {}, load, baseBurst);
      }
    }

    if (CFG.databaseUrl && CFG.modes.includes('postgres')) {
      const mode = CFG.redisUrl ? 'postgres+redis' : 'postgres';
      log(`${mode}: creating a fresh database and ${CFG.workers.toLocaleString()} worker accounts`);
      const pgDb = capped(await preparePostgres(CFG.databaseUrl, CFG.workers, secret));
      databases.push(pgDb);
      // A fresh key prefix per API start: presence left in Redis by the previous phase must not count.
      const env = (): Record<string, string> => {
        if (!CFG.redisUrl) return {};
        const prefix = `bench-${randomBytes(4).toString('hex')}:`;
        redisPrefixes.push(prefix);
        return { REDIS_URL: CFG.redisUrl, REDIS_KEY_PREFIX: prefix };
      };
      if (has('latency')) await phaseLatency(mode, pgDb, secret, env(), load);
      if (has('fanout')) await phaseFanout(`${mode}-fanout100`, fewer(pgDb), secret, env(), load);
    }
  } finally {
    await load.stop();
    for (const db of databases) await db.drop().catch((e: unknown) => log(`drop failed: ${String(e)}`));
    for (const prefix of redisPrefixes)
      await dropKeys(CFG.redisUrl!, prefix).catch((e: unknown) => log(`Redis clean-up failed: ${String(e)}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function stopEverything(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop().catch(() => undefined)));
}

const watchdog = setTimeout(() => {
  log(`hard stop after ${CFG.maxMinutes} minutes`);
  details.load = { ...(details.load as object), after: uptime() };
  printTable();
  writeJson(`stopped after ${CFG.maxMinutes} minutes`);
  void stopEverything().finally(() => process.exit(2));
}, CFG.maxMinutes * 60_000);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void stopEverything().finally(() => process.exit(130));
  });
}

main().then(
  () => {
    details.load = { ...(details.load as object), after: uptime() };
    printTable();
    const file = writeJson();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s → ${path.relative(ROOT, file)}`);
    log(`machine load at the end: ${(details.load as { after: string }).after}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    details.load = { ...(details.load as object), after: uptime() };
    printTable();
    writeJson(String(error));
    void stopEverything().finally(() => process.exit(1));
  },
);
