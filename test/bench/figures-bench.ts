import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';
import { args } from './figures-synth.js';

/**
 * The figures' scale bench (docs/figures.md): on the synthetic year of `npm run figures:synth`, times the
 * region-month query, the daily query, the trends query, the markets rows and a publication, at province, city,
 * county and market level; prints p50/p95 over --runs runs and PASS/MISS against 500 ms at p95.
 *   npm run bench:figures -- --database-url postgres://127.0.0.1:5432/linggong_synth [--runs 20] [--month 2025-06]
 */

const LIMIT_MS = 500;
type Scope = { regionCode?: string; marketId?: string };
interface Services {
  month(month: string, scope: Scope): Promise<unknown>;
  day(date: string, scope: Scope): Promise<unknown>;
}
interface Trends {
  trends(month: string, scope: Scope): Promise<unknown>;
  markets(month: string, regionCode?: string): Promise<unknown>;
}
interface Publications {
  append(figures: unknown, regionCode: string, publishedBy: string): Promise<unknown>;
}

const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, 'api/dist', rel)).href)) as T;

function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ first: number; p50: number; p95: number }> {
  const all: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    await fn();
    all.push(performance.now() - t);
  }
  const [first, ...rest] = all;
  const sorted = rest.sort((a, b) => a - b);
  return { first, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2));
  const url = a['database-url'] ?? 'postgres://127.0.0.1:5432/linggong_synth';
  const runs = Number(a.runs ?? '20');
  const month = a.month ?? '2025-06';
  const date = a.date ?? `${month}-15`;
  const { openDatabase } = await load<{ openDatabase: (o: object) => Promise<{ prisma: unknown; close(): Promise<void> }> }>(
    'database/database.js',
  );
  const { FiguresRollupService } = await load<{ FiguresRollupService: new (p: unknown) => unknown }>('stats/figures-rollup.service.js');
  const { FiguresService } = await load<{ FiguresService: new (p: unknown, r: unknown) => Services }>('stats/figures.service.js');
  const { FiguresTrendsService } = await load<{ FiguresTrendsService: new (p: unknown, f: Services) => Trends }>(
    'stats/figures-trends.service.js',
  );
  const { PublicationRepository } = await load<{ PublicationRepository: new (p: unknown) => Publications }>(
    'publication/publication.repository.js',
  );
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 10 });
  const figures = new FiguresService(database.prisma, new FiguresRollupService(database.prisma));
  const trends = new FiguresTrendsService(database.prisma, figures);
  const publications = new PublicationRepository(database.prisma);
  const levels: Array<[string, Scope]> = [
    ['province', { regionCode: '620000' }],
    ['city', { regionCode: '620100' }],
    ['county', { regionCode: '620102' }],
    ['market', { marketId: 'syn-m000' }],
  ];
  const cases: Array<[string, () => Promise<unknown>]> = [];
  for (const [level, scope] of levels) {
    cases.push([`month     ${level}`, () => figures.month(month, scope)]);
    cases.push([`daily     ${level}`, () => figures.day(date, scope)]);
    cases.push([`trends    ${level}`, () => trends.trends(month, scope)]);
    if (!scope.marketId) {
      cases.push([`publish   ${level}`, async () => publications.append(await figures.month(month, scope), scope.regionCode!, 'bench')]);
      cases.push([`markets   ${level}`, () => trends.markets(month, scope.regionCode)]);
    }
  }
  console.log(`figures bench: ${month} (${date}), ${runs} runs each after one first run, limit ${LIMIT_MS} ms at p95`);
  console.log('case                 first ms   p50 ms   p95 ms  verdict');
  let missed = 0;
  for (const [name, fn] of cases) {
    const r = await time(runs, fn);
    const ok = r.p95 < LIMIT_MS;
    if (!ok) missed++;
    console.log(
      `${name.padEnd(20)} ${r.first.toFixed(0).padStart(8)} ${r.p50.toFixed(0).padStart(8)} ${r.p95.toFixed(0).padStart(8)}  ${ok ? 'PASS' : 'MISS'}`,
    );
  }
  // What a late write to a closed day costs the next reader: that day (and its month tables) rebuilt.
  const prisma = database.prisma as { $executeRawUnsafe(sql: string): Promise<number> };
  const rollups = new FiguresRollupService(database.prisma) as { refresh(span: { from: string; to: string }): Promise<number> };
  await prisma.$executeRawUnsafe(`UPDATE "FigureRollupDay" SET dirty = true WHERE day = '${date}'`);
  const t = performance.now();
  await rollups.refresh({ from: date, to: new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) });
  console.log(`rebuild one dirty day (${date}) and its month tables: ${(performance.now() - t).toFixed(0)} ms`);
  await database.close();
  process.exitCode = missed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
