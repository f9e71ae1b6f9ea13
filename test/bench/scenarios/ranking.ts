/** Ranking in-process: 100,000 waiting workers in memory, the first wave's search and scoring. */
import fs from 'node:fs';
import path from 'node:path';
import { Child } from '../ipc.js';
import { BENCH_DIST } from '../paths.js';
import { formatProfile, summarizeProfile } from '../profile.js';
import { type Summary } from '../util.js';
import { CFG, QUICK, TARGETS } from '../harness/config.js';
import { children, PROFILE_DIR, profiles } from '../harness/processes.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { log } from '../harness/system.js';

export async function ranking(): Promise<void> {
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
