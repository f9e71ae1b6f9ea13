/** The measured server processes: start with the memory/profile probe, read memory, CPU profiles. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, BENCH_DIST, ROOT } from '../paths.js';
import { formatProfile, summarizeProfile, type ProfileSummary } from '../profile.js';
import { sleep } from '../util.js';
import { freePort } from '../../support/free-port.js';
import { CFG } from './config.js';
import { getJson, log, waitUntil } from './system.js';

// ---------------------------------------------------------------- processes

export const children = new Set<{ stop(): Promise<void> }>();

export interface Server {
  name: string;
  url: string;
  probe: string;
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** Spawns a measured server process with the memory/profile probe preloaded. */
export async function startServer(
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
export function memorySteps<T>(list: T[]): T[][] {
  const cuts = [...CFG.memoryAt.filter((n) => n < list.length), list.length];
  return cuts.map((end, i) => list.slice(i ? cuts[i - 1] : 0, end));
}

export interface Memory {
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
export async function memory(server: Server, sockets: number): Promise<Memory> {
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
export function compactedNote(m: Memory, m0: Memory): string {
  if (!m.compacted || !m0.compacted) return '';
  return `after a compacting GC ${((m.compacted.rss - m0.compacted.rss) / m.sockets / 1024).toFixed(1)} KB; heap committed ${((m.heapTotal ?? 0) / 2 ** 20).toFixed(0)} MB`;
}

export const PROFILE_DIR = path.join(ARTIFACTS, 'bench-profiles');
export const profiles: Record<string, ProfileSummary> = {};
/** Profiles `run`; it may stop the profiler earlier itself (`stop`), to leave its clean-up out. */
export async function profiled<T>(server: Server, key: string, run: (stop: () => Promise<void>) => Promise<T>): Promise<T> {
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
