/** What the API scenarios share: shift windows, the place, board markets, starting an API, connecting everyone. */
import path from 'node:path';
import { ROOT } from '../paths.js';
import { BOARD_MARKETS, CITY, type BenchPeople, type PreparedDatabase } from '../seed.js';
import { sched } from '../util.js';
import { CFG } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { type Memory, memory, memorySteps, profiled, type Server, startServer } from '../harness/processes.js';
import { addRow } from '../harness/results.js';
import { cpuSeconds, log, schedNote } from '../harness/system.js';

// ---------------------------------------------------------------- scenarios

/** Shift windows that never overlap, so one scenario's offers and hires never make workers busy for the next. */
export let windowIndex = 0;
export function nextWindow(): { startsAt: string; endsAt: string } {
  const start = Date.now() + 3600_000 + windowIndex++ * 3 * 3600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3600_000).toISOString() };
}
export const PLACE = { center: CITY, radiusKm: 4 };

export function boardMarkets(count: number): string[] {
  return Array.from({ length: count }, (_, i) => BOARD_MARKETS[i % BOARD_MARKETS.length]);
}
export interface Api {
  server: Server;
  label: string;
}

export async function startApi(label: string, db: PreparedDatabase, secret: string, env: Record<string, string>): Promise<Api> {
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
      // Thousands of simulated people sign in and write from this one machine.
      RATE_LIMIT_EXEMPT: 'loopback',
      ...env,
    },
    '/api/health',
    // BENCH_API_NODE_FLAGS: V8/Node flags for the API process only (e.g. GC tuning); the baseline runs without.
    (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  );
  return { server, label };
}

/** Connects the workers (memory read at 0, 1,000, 10,000, 20,000 and all) and the boards. */
export async function connectAll(api: Api, load: Load, people: BenchPeople, measureMemory: boolean) {
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
export function raceBody(headcount: number, window: { startsAt: string; endsAt: string }) {
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
