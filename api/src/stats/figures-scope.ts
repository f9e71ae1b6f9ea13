import { Prisma } from '../database/prisma.js';
import { regionPrefix } from '../reference/regions.data.js';
import { INDUSTRY_CASE, type FigureScope } from './figures-source.js';
import type { DaySpan } from './figures.sql.js';

/**
 * The scope tables (FigureScope*): whole months and days counted once per place they are asked for, so that a
 * province-month reads a few hundred rows rather than every market's, region's and trade's day. A place is
 * 'r:' (everywhere), 'r:' + a region prefix ('62' a province, '6201' a city, '620102' a county; the prefix
 * `scopeSql` matches with LIKE) or 'm:' + a market id.
 */
export function scopeKey(scope: FigureScope): string | null {
  if (scope.regionCode && scope.marketId) return null;
  if (scope.marketId) return `m:${scope.marketId}`;
  return `r:${scope.regionCode ? regionPrefix(scope.regionCode) : ''}`;
}

/** Every scope a row of (regionCode, marketId) counts in, as a lateral `sc(scope)`; unknown places count only in 'r:'. */
function scopesOf(alias: string): Prisma.Sql {
  const rc = `${alias}."regionCode"`;
  const known = `length(${rc}) = 6`;
  return Prisma.raw(`CROSS JOIN LATERAL (VALUES ('r:'),
    (CASE WHEN ${known} THEN 'r:' || left(${rc}, 2) END),
    (CASE WHEN ${known} THEN 'r:' || left(${rc}, 4) END),
    (CASE WHEN ${known} THEN 'r:' || ${rc} END),
    (CASE WHEN ${alias}."marketId" <> '' THEN 'm:' || ${alias}."marketId" END)) AS sc(scope)`);
}

const MONTH = Prisma.raw(`to_char(day, 'YYYY-MM')`);

/** The month tables for the months [from, to) (first days), from the day tables and FigureSeekerMonth just built. */
export async function rebuildScopeMonths(tx: Prisma.TransactionClient, from: string, to: string): Promise<void> {
  const months = Prisma.sql`month >= ${from.slice(0, 7)} AND month < ${to.slice(0, 7)}`;
  const days = Prisma.sql`day >= ${from}::date AND day < ${to}::date`;
  for (const table of ['FigureScopeMonth', 'FigureScopeWage', 'FigureScopeFill', 'FigureScopeGroup', 'FigureScopeSeekers']) {
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE ${months}`;
  }
  await tx.$executeRaw`
    INSERT INTO "FigureScopeMonth" (month, scope, trade, "shiftsPosted", "positionsPosted", "positionsFilled", hires,
      "assistedHires", "lateCancels", "noShows", offers)
    SELECT ${MONTH}, sc.scope, d.trade, SUM("shiftsPosted"), SUM("positionsPosted"), SUM("positionsFilled"), SUM(hires),
      SUM("assistedHires"), SUM("lateCancels"), SUM("noShows"), SUM(offers)
    FROM "FigureDay" d ${scopesOf('d')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2, 3`;
  await tx.$executeRaw`
    INSERT INTO "FigureScopeWage" (month, scope, trade, kind, wage, n)
    SELECT ${MONTH}, sc.scope, w.trade, w.kind, w.wage, SUM(n)
    FROM "FigureWage" w ${scopesOf('w')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2, 3, 4, 5`;
  await tx.$executeRaw`
    INSERT INTO "FigureScopeFill" (month, scope, minutes, n)
    SELECT ${MONTH}, sc.scope, f.minutes, SUM(n)
    FROM "FigureFill" f ${scopesOf('f')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2, 3`;
  await tx.$executeRaw`
    INSERT INTO "FigureScopeGroup" (month, scope, grp, hires, earnings)
    SELECT ${MONTH}, sc.scope, g.grp, SUM(hires), SUM(earnings)
    FROM "FigureGroupDay" g ${scopesOf('g')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2, 3`;
  await tx.$executeRaw`
    INSERT INTO "FigureScopeSeekers" (month, scope, gt, key, seekers, hired)
    SELECT month, scope, GROUPING(trade, industry, grp)::int, COALESCE(trade, industry, grp, ''),
      COUNT(DISTINCT "workerId" COLLATE "C"), COUNT(DISTINCT "workerId" COLLATE "C") FILTER (WHERE hired)
    FROM (
      SELECT s.month, sc.scope, s."workerId", s.trade, ${INDUSTRY_CASE} AS industry, s.grp, s.hired
      FROM "FigureSeekerMonth" s ${scopesOf('s')} WHERE ${months} AND sc.scope IS NOT NULL
    ) x
    GROUP BY month, scope, GROUPING SETS ((trade), (industry), (grp), ())`;
}

/** The trends' day points of the days of `run`, from the day tables just built. */
export async function rebuildScopeDays(tx: Prisma.TransactionClient, run: DaySpan): Promise<void> {
  const days = Prisma.sql`day >= ${run.from}::date AND day < ${run.to}::date`;
  await tx.$executeRaw`DELETE FROM "FigureScopeDay" WHERE ${days}`;
  await tx.$executeRaw`
    INSERT INTO "FigureScopeDay" (day, scope, demand, hires, filled, seekers)
    SELECT day, scope, COALESCE(c.demand, 0), COALESCE(c.hires, 0), COALESCE(c.filled, 0), COALESCE(s.seekers, 0)
    FROM (
      SELECT d.day, sc.scope, SUM("positionsPosted")::int AS demand, SUM(hires)::int AS hires, SUM("positionsFilled")::int AS filled
      FROM "FigureDay" d ${scopesOf('d')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2
    ) c
    FULL JOIN (
      SELECT k.day, sc.scope, COUNT(DISTINCT "workerId" COLLATE "C")::int AS seekers
      FROM "FigureSeeker" k ${scopesOf('k')} WHERE ${days} AND sc.scope IS NOT NULL GROUP BY 1, 2
    ) s USING (day, scope)`;
}

/** The rows the period query computes, for one closed month and one scope, read from the month tables. */
export function scopeMonthSql(month: string, key: string) {
  const at = Prisma.sql`month = ${month} AND scope = ${key}`;
  return {
    trades: Prisma.sql`SELECT trade, "shiftsPosted", "positionsPosted", "positionsFilled", hires, "assistedHires", "lateCancels",
      "noShows", offers FROM "FigureScopeMonth" WHERE ${at}`,
    wages: Prisma.sql`SELECT trade, kind, wage::float8 AS value, n FROM "FigureScopeWage" WHERE ${at}`,
    fills: Prisma.sql`SELECT minutes AS value, n FROM "FigureScopeFill" WHERE ${at}`,
    groups: Prisma.sql`SELECT grp, hires, earnings::float8 AS earnings FROM "FigureScopeGroup" WHERE ${at}`,
    seekers: Prisma.sql`SELECT CASE gt WHEN 3 THEN key END AS trade, CASE gt WHEN 5 THEN key END AS industry,
      CASE gt WHEN 6 THEN key END AS grp, gt, seekers, hired FROM "FigureScopeSeekers" WHERE ${at}`,
  };
}
