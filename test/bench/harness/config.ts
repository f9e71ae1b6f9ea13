/** What a run measures and the targets it is judged against: BENCH_* variables and `--only`. */
import { parseArgs } from 'node:util';

// ---------------------------------------------------------------- configuration

/** The parts a run can select with `--only a,b` (or BENCH_ONLY=a,b). */
export const PARTS = ['ranking', 'baseline', 'latency', 'fanout', 'scaleout', 'memory', 'views', 'presence', 'sockets50k'] as const;

/** `npm run bench -- --only ranking` (a comma list of PARTS) and `--quick` (BENCH_QUICK=1). */
function cliArguments() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-compare': { type: 'boolean', default: false },
    },
  });
  const unknown = values.only?.split(',').filter((p) => !(PARTS as readonly string[]).includes(p.trim()));
  if (unknown?.length) throw new Error(`--only: unknown part ${unknown.join(', ')} (one of ${PARTS.join(', ')})`);
  return values;
}
const ARGS = cliArguments();
function onlyArgument(): string | undefined {
  return ARGS.only;
}

export const QUICK = ARGS.quick || process.env.BENCH_QUICK === '1';
/** `--no-compare` (or BENCH_NO_COMPARE=1): an exploratory run; the README comparison is printed but does not set the exit code. */
export const NO_COMPARE = ARGS['no-compare'] === true || process.env.BENCH_NO_COMPARE === '1';
export const int = (name: string, fallback: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number`);
  return n;
};
export const CFG = {
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
  only: (onlyArgument() ?? process.env.BENCH_ONLY ?? 'ranking,presence,baseline,latency,fanout,scaleout,views').split(',').map((x) => x.trim()),
  /** `embedded` and, with BENCH_DATABASE_URL, `postgres` (BENCH_MODES=postgres runs only the latter). */
  modes: (process.env.BENCH_MODES ?? (process.env.BENCH_DATABASE_URL ? 'embedded,postgres' : 'embedded')).split(',').map((x) => x.trim()),
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  /** Where the parts that always compare both stores (views, presence) find PostgreSQL and Redis; skipped when they do not answer. */
  sideDatabaseUrl: process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test',
  sideRedisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  redisUrl: process.env.BENCH_REDIS_URL || undefined,
};
export const TARGETS = {
  firstOfferP99: 40,
  boardP99: 60,
  overheadLatency: 3,
  overheadHeap: 1.5,
  rankingP50: 1,
  rankingP99: 3,
  rssPerSocketKb: 30,
  offersPerSecond: 25_000,
  raceP99: 100,
  /** The employer's view and attendance with 50 hires on the shift (#20). */
  viewP95: 15,
  /** PostgreSQL + Redis: the presence search at 10,000 waiting (#20). */
  redisSearchP50: 3,
  /** 50,000 sockets on one instance (#20): RSS per socket and first-offer p99 while they are connected. */
  stretchRssPerSocketKb: 20,
  stretchFirstOfferP99: 40,
};
