import type { TestApp } from './test-app.js';

/** Row counts of every table of the app's schema, in one query. */
export async function rowCounter(app: TestApp): Promise<() => Promise<Record<string, number>>> {
  const prisma = app.database.prisma;
  const tables = await prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const sql = `SELECT ${tables.map(({ tablename }) => `(SELECT count(*) FROM "${tablename}")::int AS "${tablename}"`).join(', ')}`;
  return async () => (await prisma.$queryRawUnsafe<Array<Record<string, number>>>(sql))[0];
}

/** The tables whose count differs between two snapshots, as `table: before → after`. */
export function countChanges(before: Record<string, number>, after: Record<string, number>, ignore: ReadonlySet<string>): string[] {
  return Object.keys(after)
    .filter((t) => !ignore.has(t) && before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}
