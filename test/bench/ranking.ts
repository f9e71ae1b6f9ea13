/**
 * Ranking alone, in-process: the built MemoryPresenceStore and ranking (api/dist) with N waiting workers spread
 * over Lanzhou, timing what DispatchService.choose does before it touches the database:
 * forEachNearby(trade, shift, radius) into a TopRanked(50). Run as a child of run.ts.
 */
import { Session } from 'node:inspector';
import { serve, type Request } from './ipc.js';
import { loadBuilt, type Ranker, type Store } from './built-presence.js';
import { CITY, CITY_BOX } from './seed.js';
import { nowMs } from './sio.js';
import { seededRandom as seeded } from '../support/seeded-random.js';
import { summarize } from './util.js';

const load = loadBuilt;

function profilerPost<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

serve({
  async run(req: Request) {
    const workers = req.workers as number;
    const iterations = req.iterations as number;
    const wideIterations = req.wideIterations as number;
    /** Each loop also stops at this time budget (the whole-city query can take a second on a loaded machine). */
    const budgetMs = (req.timeBudgetMs as number) ?? 30_000;
    const { MemoryPresenceStore } = await load<{ MemoryPresenceStore: new () => Store }>('presence/memory-presence.store.js');
    const { TopRanked } = await load<{ TopRanked: new (limit: number, now: number, skip: (id: string) => boolean) => Ranker }>(
      'dispatch/ranking.js',
    );
    const store = new MemoryPresenceStore();
    const rnd = seeded(42);
    const now = Date.now();
    for (let i = 0; i < workers; i++) {
      await store.put({
        workerId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        status: 'waiting',
        location: {
          lat: CITY_BOX.lat0 + rnd() * (CITY_BOX.lat1 - CITY_BOX.lat0),
          lng: CITY_BOX.lng0 + rnd() * (CITY_BOX.lng1 - CITY_BOX.lng0),
        },
        marketIds: [],
        // Everyone has the queried trade (the worst case); a third also a second one.
        trades: i % 3 === 0 ? ['electrician', 'welder'] : ['electrician'],
        priority: i % 10 === 0 ? 'older' : 'none',
        reliability: (4 + (i % 30)) / (4 + (i % 30) + (i % 41 === 0 ? 2 : 0)),
        waitingSince: now - rnd() * 4 * 3600_000,
      });
    }
    const offered = new Set<string>();
    const query = async (radiusKm: number) => {
      // A shift somewhere in the city's built-up area (the same box the workers stand in).
      const center = {
        lat: CITY_BOX.lat0 + rnd() * (CITY_BOX.lat1 - CITY_BOX.lat0),
        lng: CITY_BOX.lng0 + rnd() * (CITY_BOX.lng1 - CITY_BOX.lng0),
      };
      const t0 = nowMs();
      const top = new TopRanked(50, Date.now(), (id) => offered.has(id));
      await store.forEachNearby('electrician', center, radiusKm, top);
      const best = top.best();
      const total = nowMs() - t0;
      if (best.length > 50) throw new Error('TopRanked kept more than asked');
      return { total, candidates: top.seen };
    };
    const measure = async (radiusKm: number, n: number, budget: number) => {
      for (let i = 0; i < Math.min(100, n); i++) await query(radiusKm); // warm-up: V8 optimises the search's loops
      const rows: Array<Awaited<ReturnType<typeof query>>> = [];
      const until = nowMs() + budget;
      for (let i = 0; i < n && (i < 5 || nowMs() < until); i++) rows.push(await query(radiusKm));
      return {
        radiusKm,
        total: summarize(rows.map((r) => r.total)),
        candidates: summarize(rows.map((r) => r.candidates)),
      };
    };
    const firstWave = await measure(5, iterations, budgetMs);
    const wholeCity = await measure(50, wideIterations, budgetMs / 3);

    // The same 5 km loop again under the sampling profiler (not part of the figures above).
    let profileFile: string | undefined;
    if (req.profileFile) {
      const session = new Session();
      session.connect();
      await profilerPost(session, 'Profiler.enable');
      await profilerPost(session, 'Profiler.setSamplingInterval', { interval: 100 });
      await profilerPost(session, 'Profiler.start');
      const until = nowMs() + budgetMs / 3;
      for (let i = 0; i < iterations && (i < 5 || nowMs() < until); i++) await query(5);
      const { profile } = await profilerPost<{ profile: unknown }>(session, 'Profiler.stop');
      session.disconnect();
      const fs = await import('node:fs');
      fs.writeFileSync(req.profileFile as string, JSON.stringify(profile));
      profileFile = req.profileFile as string;
    }
    return { workers, center: CITY, firstWave, wholeCity, profileFile };
  },
});
