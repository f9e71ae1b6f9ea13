/**
 * The presence search alone, in a child process: the built presence stores (api/dist) with N waiting workers
 * over Lanzhou's valley, timing what DispatchService.choose does before it touches the database:
 * `forEachNearby(trade, shift, 5 km, new TopRanked(50))`, then the 50 best explained. The Redis store talks to
 * a real Redis under its own key prefix (deleted afterwards). Two mornings: everyone just started waiting
 * and no one is in a priority group's lead (what the bench's latency phase has), and a real one, where
 * waiting began over the last four hours and a tenth are older workers.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { serve, type Request } from './ipc.js';
import { loadBuilt, type Presence, type Ranker, type Store } from './built-presence.js';
import { CITY_BOX } from './seed.js';
import { nowMs } from './sio.js';
import { dropKeys } from './stores.js';
import { seededRandom as seeded } from '../support/seeded-random.js';
import { summarize } from './util.js';

const load = loadBuilt;

type Morning = 'fresh' | 'real';

function workersFor(morning: Morning, count: number, now: number): Presence[] {
  const rnd = seeded(morning === 'fresh' ? 7 : 11);
  return Array.from({ length: count }, (_, i) => ({
    workerId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    status: 'waiting' as const,
    location: {
      lat: CITY_BOX.lat0 + rnd() * (CITY_BOX.lat1 - CITY_BOX.lat0),
      lng: CITY_BOX.lng0 + rnd() * (CITY_BOX.lng1 - CITY_BOX.lng0),
    },
    marketIds: [],
    trades: i % 3 === 0 ? ['electrician', 'welder'] : ['electrician'],
    // The bench's seed: a tenth older, a few hard to employ (seed.ts), but in the fresh morning nobody is.
    priority: morning === 'fresh' ? ('none' as const) : i % 10 === 0 ? ('older' as const) : i % 25 === 0 ? ('hard_to_employ' as const) : ('none' as const),
    reliability: (4 + (i % 30)) / (4 + (i % 30) + (i % 17 === 0 ? 1 : 0) + (i % 41 === 0 ? 2 : 0)),
    waitingSince: morning === 'fresh' ? now - rnd() * 60_000 : now - rnd() * 4 * 3600_000,
  }));
}

/** Redis's own CPU time so far (all its threads), from INFO. */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return (field('used_cpu_sys') + field('used_cpu_user')) * 1000;
}

serve({
  async run(req: Request) {
    const kind = req.store as 'memory' | 'redis';
    const morning = req.morning as Morning;
    const workers = req.workers as number;
    const iterations = req.iterations as number;
    const budgetMs = (req.timeBudgetMs as number) ?? 20_000;
    const { TopRanked } = await load<{ TopRanked: new (limit: number, now: number) => Ranker }>('dispatch/ranking.js');
    let store: Store;
    let redis: Redis | undefined;
    const prefix = `bench-search-${randomBytes(4).toString('hex')}:`;
    if (kind === 'redis') {
      const { RedisPresenceStore } = await load<{ RedisPresenceStore: new (r: Redis, p: string, hb: number) => Store }>(
        'presence/redis-presence.store.js',
      );
      redis = new Redis(req.redisUrl as string, { maxRetriesPerRequest: 1 });
      store = new RedisPresenceStore(redis, prefix, 60_000);
    } else {
      const { MemoryPresenceStore } = await load<{ MemoryPresenceStore: new () => Store }>('presence/memory-presence.store.js');
      store = new MemoryPresenceStore();
    }
    try {
      const now = Date.now();
      const list = workersFor(morning, workers, now);
      for (let i = 0; i < list.length; i += 200) await Promise.all(list.slice(i, i + 200).map((p) => store.put(p)));
      const rnd = seeded(99);
      const query = async () => {
        const center = {
          lat: CITY_BOX.lat0 + rnd() * (CITY_BOX.lat1 - CITY_BOX.lat0),
          lng: CITY_BOX.lng0 + rnd() * (CITY_BOX.lng1 - CITY_BOX.lng0),
        };
        const t0 = nowMs();
        const top = new TopRanked(50, Date.now());
        await store.forEachNearby('electrician', center, 5, top);
        top.best();
        return { ms: nowMs() - t0, seen: top.seen };
      };
      for (let i = 0; i < 50; i++) await query();
      const rows: Array<{ ms: number; seen: number }> = [];
      const until = nowMs() + budgetMs;
      // CPU per search, ours and Redis's: what a search costs whatever else the machine runs meanwhile.
      const cpu0 = process.cpuUsage();
      const redis0 = redis ? await redisCpuMs(redis) : 0;
      for (let i = 0; i < iterations && (i < 20 || nowMs() < until); i++) rows.push(await query());
      const cpu = process.cpuUsage(cpu0);
      const redisMs = redis ? (await redisCpuMs(redis)) - redis0 : 0;
      return {
        total: summarize(rows.map((r) => r.ms)),
        seen: summarize(rows.map((r) => r.seen)),
        clientCpuMs: (cpu.user + cpu.system) / 1000 / rows.length,
        redisCpuMs: redisMs / rows.length,
      };
    } finally {
      store.stop?.();
      if (redis) {
        redis.disconnect();
        await dropKeys(req.redisUrl as string, prefix);
      }
    }
  },
});
