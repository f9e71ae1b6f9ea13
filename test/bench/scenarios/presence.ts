/** The presence search at 10,000 waiting: the Redis store (PostgreSQL + Redis mode) against the memory store. */
import path from 'node:path';
import { Child } from '../ipc.js';
import { BENCH_DIST } from '../paths.js';
import { unreachable } from '../stores.js';
import { type Summary } from '../util.js';
import { CFG, QUICK, TARGETS } from '../harness/config.js';
import { children } from '../harness/processes.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { log } from '../harness/system.js';

const WAITING = 10_000;

export async function presenceSearch(): Promise<void> {
  const why = await unreachable(CFG.sideDatabaseUrl, CFG.sideRedisUrl);
  const stores = why ? (['memory'] as const) : (['redis', 'memory'] as const);
  if (why) log(`presence: the Redis store skipped: ${why}`);
  const child = new Child('presence-search', path.join(BENCH_DIST, 'presence-search.js'));
  children.add(child);
  try {
    for (const morning of ['real', 'fresh'] as const) {
      for (const store of stores) {
        log(`presence: ${store} store, ${WAITING.toLocaleString()} waiting, ${morning} morning`);
        const r = await child.call<{ total: Summary; seen: Summary; clientCpuMs: number; redisCpuMs: number }>('run', {
          store,
          morning,
          workers: WAITING,
          iterations: QUICK ? 100 : 500,
          timeBudgetMs: QUICK ? 5000 : 20_000,
          redisUrl: CFG.sideRedisUrl,
        });
        addRow({
          group: `[presence-${store}]`,
          figure: `search 5 km → TopRanked(50), ${morning} morning`,
          unit: 'ms',
          stats: r.total,
          note: `${WAITING.toLocaleString()} waiting; workers read: median ${Math.round(r.seen.median).toLocaleString()}, p95 ${Math.round(r.seen.p95).toLocaleString()}; CPU per search ${r.clientCpuMs.toFixed(2)} ms${store === 'redis' ? ` + Redis ${r.redisCpuMs.toFixed(2)} ms` : ''}`,
        });
        details[`presence.${store}.${morning}`] = r;
        if (store === 'redis') {
          verdict(
            `Redis presence search median ≤ ${TARGETS.redisSearchP50} ms, ${WAITING.toLocaleString()} waiting (${morning} morning)`,
            `median ${ms(r.total.median)} ms (p95 ${ms(r.total.p95)}; ${Math.round(r.seen.median)} workers read; CPU ${(r.clientCpuMs + r.redisCpuMs).toFixed(2)} ms per search, ours + Redis's)`,
            r.total.median <= TARGETS.redisSearchP50,
          );
        }
      }
    }
  } finally {
    children.delete(child);
    await child.stop();
  }
}
