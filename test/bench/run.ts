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
 *
 * Arguments: `--only ranking,latency` runs only those parts (ranking, presence, baseline, latency, fanout,
 * scaleout, views, memory, sockets50k; the same as BENCH_ONLY), `--quick` is BENCH_QUICK=1, `--no-compare`
 * keeps a regression against the README's table from failing the run (exit code 3). E.g.
 * `npm run bench -- --only ranking --quick`.
 *
 * Layout: this file is the run (order of the parts, clean-up, hard stop); harness/ holds the configuration,
 * the server and load processes, and the results (table, bench.json); scenarios/ holds one file per measured
 * scenario. The files beside this one are the processes it spawns (load, poster, ranking, baseline server,
 * memory probe) and what they share.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths.js';
import { scaleOut } from './scale-out.js';
import { newSecret, prepareEmbedded, preparePostgres, type PreparedDatabase } from './seed.js';
import { dropKeys } from './stores.js';
import { sched } from './util.js';
import { baseline, baselineBurst } from './scenarios/baseline.js';
import { CFG, NO_COMPARE, QUICK, TARGETS } from './harness/config.js';
import { compareWithReadme, formatComparisons } from './harness/compare.js';
import { phaseFanout } from './scenarios/fanout.js';
import { phaseLatency } from './scenarios/latency.js';
import { Load } from './harness/load.js';
import { children, PROFILE_DIR } from './harness/processes.js';
import { type StepResult } from './scenarios/ramp.js';
import { presenceSearch } from './scenarios/presence.js';
import { ranking } from './scenarios/ranking.js';
import { addRow, details, printTable, setScaleOut, verdict, writeJson } from './harness/results.js';
import { startApi } from './scenarios/shared.js';
import { views } from './scenarios/views.js';
import { sockets50k, STRETCH_SOCKETS } from './scenarios/sockets.js';
import { cpuSeconds, isLoopbackUrl, log, nofileLimit, raiseNofile, started, uptime } from './harness/system.js';

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
  if (has('presence')) await presenceSearch();
  if (has('scaleout')) {
    setScaleOut(
      await scaleOut({
        log,
        addRow,
        startApi,
        newLoad: () => new Load(CFG.loaders),
        cpuSeconds,
        sched,
        children,
        secret: newSecret(),
        quick: QUICK,
      }),
    );
  }
  if (has('views')) {
    const small = new Load(1);
    try {
      await views(small, newSecret());
    } finally {
      await small.stop();
    }
  }
  if (has('sockets50k')) {
    raiseNofile(2 * STRETCH_SOCKETS + 5000);
    const big = new Load(CFG.loaders);
    try {
      await sockets50k(big, newSecret(), nofileLimit());
    } finally {
      await big.stop();
    }
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
  console.log(formatComparisons(compareWithReadme()));
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
    const compared = compareWithReadme();
    console.log(formatComparisons(compared));
    const failed = compared.comparisons.filter((c) => c.fail).length;
    const file = writeJson();
    if (failed) log(`${failed} figure(s) regressed against the README${NO_COMPARE ? ' (--no-compare: exit code not set)' : ': exit code 3 (--no-compare for an exploratory run)'}`);
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s → ${path.relative(ROOT, file)}`);
    log(`machine load at the end: ${(details.load as { after: string }).after}`);
    process.exit(failed && !NO_COMPARE ? 3 : 0);
  },
  (error: unknown) => {
    console.error(error);
    details.load = { ...(details.load as object), after: uptime() };
    printTable();
    writeJson(String(error));
    void stopEverything().finally(() => process.exit(1));
  },
);
