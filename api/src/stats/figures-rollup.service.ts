import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { chinaDate } from './month.js';
import { DAY_TABLES, type DaySpan } from './figures.sql.js';
import { rebuildScopeDays, rebuildScopeMonths } from './figures-scope.js';

// Any fixed number: rebuilds take turns (two readers finding the same stale day build it once each, in order).
const ROLLUP_LOCK = 72_618_001;
// A province-year rebuilt in one go takes minutes; a day at a time, well under a second.
const REBUILD_TX = { maxWait: 600_000, timeout: 3_600_000 } as const;

const COLUMNS: Record<string, string> = {
  FigureDay: `day, "marketId", "regionCode", trade, "shiftsPosted", "positionsPosted", "positionsFilled", hires, "assistedHires", "lateCancels", "noShows", offers`,
  FigureWage: `day, "marketId", "regionCode", trade, kind, wage, n`,
  FigureFill: `day, "marketId", "regionCode", trade, minutes, n`,
  FigureGroupDay: `day, "marketId", "regionCode", grp, hires, earnings`,
  FigureSeeker: `day, "workerId", trade, "regionCode", "marketId", grp, hired`,
};

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The first day of the month after the one `firstDay` (YYYY-MM-01) starts. */
export function addMonth(firstDay: string): string {
  const [y, m] = firstDay.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Runs of consecutive days, as spans [from, to). */
export function runsOf(days: string[]): DaySpan[] {
  const runs: DaySpan[] = [];
  for (const day of [...days].sort()) {
    const last = runs[runs.length - 1];
    if (last && last.to === day) last.to = addDays(day, 1);
    else runs.push({ from: day, to: addDays(day, 1) });
  }
  return runs;
}

/**
 * Keeps the rollups of closed China days (before today) built: a day never built, or marked dirty by a later
 * write (the triggers of the figures_rollups migration), is rebuilt from the base tables before it is read.
 */
@Injectable()
export class FiguresRollupService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Today in China: the first day that is never rolled up (read live). */
  today(): string {
    return chinaDate(new Date());
  }

  /** Builds every stale closed day of [from, to); returns how many days were rebuilt. */
  async refresh(span: DaySpan): Promise<number> {
    const to = span.to < this.today() ? span.to : this.today();
    if (span.from >= to) return 0;
    const stale = await this.staleDays({ from: span.from, to });
    for (const run of runsOf(stale)) await this.rebuild(run);
    return stale.length;
  }

  /** Rebuilds every closed day marked dirty since it was built, wherever it lies; returns how many. */
  async refreshDirty(): Promise<number> {
    const rows = await this.prisma.$queryRaw<Array<{ day: string }>>`
      SELECT day::text AS day FROM "FigureRollupDay" WHERE dirty AND day < ${this.today()}::date`;
    for (const run of runsOf(rows.map((r) => r.day))) await this.rebuild(run);
    return rows.length;
  }

  private async staleDays(span: DaySpan): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ day: string }>>`
      SELECT g.day::date::text AS day
      FROM generate_series(${span.from}::date, ${span.to}::date - 1, interval '1 day') AS g(day)
      LEFT JOIN "FigureRollupDay" r ON r.day = g.day::date
      WHERE r.day IS NULL OR r.dirty`;
    return rows.map((r) => r.day);
  }

  /** Rebuilds the days of `run`, their scope tables and their months' in one transaction. */
  async rebuild(run: DaySpan): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK}::bigint)`;
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      // Marked clean first, under the rows' locks: a write that marks a day dirty while this runs waits for the
      // commit and marks it again, so no change is lost between the reads below and the commit.
      await tx.$executeRaw`
        INSERT INTO "FigureRollupDay" (day, dirty, "builtAt")
        SELECT g.day::date, false, now() FROM generate_series(${run.from}::date, ${run.to}::date - 1, interval '1 day') AS g(day)
        ON CONFLICT (day) DO UPDATE SET dirty = false, "builtAt" = now()`;
      for (const { table, rows } of DAY_TABLES) {
        const name = Prisma.raw(`"${table}"`);
        await tx.$executeRaw`DELETE FROM ${name} WHERE day >= ${run.from}::date AND day < ${run.to}::date`;
        await tx.$executeRaw`INSERT INTO ${name} (${Prisma.raw(COLUMNS[table])}) SELECT ${Prisma.raw(COLUMNS[table])} FROM ${rows(run)} r`;
      }
      await tx.$executeRaw`DELETE FROM "FigureSeekerMonth" WHERE month >= ${run.from.slice(0, 7)} AND month <= ${addDays(run.to, -1).slice(0, 7)}`;
      const monthsFrom = `${run.from.slice(0, 7)}-01`;
      const monthsTo = addMonth(`${addDays(run.to, -1).slice(0, 7)}-01`);
      const closedTo = monthsTo < this.today() ? monthsTo : this.today();
      // `hired`: hired (anywhere) on any closed day of that month, not only on a day they sought work.
      await tx.$executeRaw`
        INSERT INTO "FigureSeekerMonth" (month, "workerId", trade, "regionCode", "marketId", grp, hired)
        SELECT sk.month, sk."workerId", sk.trade, sk."regionCode", sk."marketId", sk.grp, (h."workerId" IS NOT NULL)
        FROM (
          SELECT to_char(day, 'YYYY-MM') AS month, "workerId", trade, "regionCode", max("marketId") AS "marketId", max(grp) AS grp
          FROM "FigureSeeker" WHERE day >= ${monthsFrom}::date AND day < ${monthsTo}::date GROUP BY 1, 2, 3, 4
        ) sk
        LEFT JOIN (
          SELECT DISTINCT to_char((a."createdAt" + interval '8 hours')::date, 'YYYY-MM') AS month, a."workerId" FROM "Assignment" a
          WHERE a."createdAt" >= (${monthsFrom}::date - interval '8 hours') AND a."createdAt" < (${closedTo}::date - interval '8 hours')
            AND a.status IN ('hired', 'completed')
        ) h ON h.month = sk.month AND h."workerId" = sk."workerId"`;
      await rebuildScopeDays(tx, run);
      await rebuildScopeMonths(tx, monthsFrom, monthsTo);
    }, REBUILD_TX);
    // Fresh statistics after a large rebuild, or the planner guesses a handful of rows and sorts on disk.
    if (runDays(run) >= 7) for (const table of ANALYZED) await this.prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
  }
}

const ANALYZED = [
  'FigureDay',
  'FigureWage',
  'FigureFill',
  'FigureGroupDay',
  'FigureSeeker',
  'FigureSeekerMonth',
  'FigureScopeMonth',
  'FigureScopeWage',
  'FigureScopeFill',
  'FigureScopeGroup',
  'FigureScopeSeekers',
  'FigureScopeDay',
];
const runDays = (run: DaySpan) => Math.round((Date.parse(run.to) - Date.parse(run.from)) / 86_400_000);
