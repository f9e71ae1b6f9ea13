import { Prisma } from '../database/prisma.js';
import { regionPrefix } from '../reference/regions.data.js';
import { TRADES } from '../reference/trades.data.js';
import { dayRowsSql, fillRowsSql, groupRowsSql, seekerRowsSql, wageRowsSql, type DaySpan } from './figures.sql.js';

/** Where figures are counted: a region (its code's prefix) and/or one market. */
export interface FigureScope {
  regionCode?: string;
  marketId?: string;
}

export type Level = 'province' | 'city' | 'county' | 'market';

export function levelOf(scope: FigureScope): Level {
  if (scope.marketId) return 'market';
  if (!scope.regionCode || scope.regionCode.endsWith('0000')) return 'province';
  return scope.regionCode.endsWith('00') ? 'city' : 'county';
}

/** Which days come from the rollups (closed, built) and which are computed live (today on, or all in tests). */
export interface Split {
  closed: DaySpan | null;
  live: DaySpan | null;
}

export function splitSpan(span: DaySpan, today: string, allLive = false): Split {
  if (allLive) return { closed: null, live: span };
  const cut = span.to < today ? span.to : span.from > today ? span.from : today;
  return {
    closed: span.from < cut ? { from: span.from, to: cut } : null,
    live: cut < span.to ? { from: cut, to: span.to } : null,
  };
}

/** `"regionCode" LIKE prefix AND "marketId" = id` for rows whose unknown places are ''. */
export function scopeSql(scope: FigureScope): Prisma.Sql {
  const prefix = `${scope.regionCode ? regionPrefix(scope.regionCode) : ''}%`;
  const market = scope.marketId ? Prisma.sql` AND "marketId" = ${scope.marketId}` : Prisma.empty;
  return Prisma.sql`"regionCode" LIKE ${prefix}${market}`;
}

const LIVE = {
  FigureDay: dayRowsSql,
  FigureWage: wageRowsSql,
  FigureFill: fillRowsSql,
  FigureGroupDay: groupRowsSql,
  FigureSeeker: seekerRowsSql,
} as const;

const NOTHING = Prisma.sql`(SELECT NULL LIMIT 0)`;

/** Rows of a rollup table for the split's days: stored for closed days, computed for live ones, in scope. */
export function source(table: keyof typeof LIVE, split: Split, scope: FigureScope, columns: string): Prisma.Sql {
  const cols = Prisma.raw(columns);
  const parts: Prisma.Sql[] = [];
  if (split.closed) {
    parts.push(Prisma.sql`SELECT ${cols} FROM ${Prisma.raw(`"${table}"`)}
      WHERE day >= ${split.closed.from}::date AND day < ${split.closed.to}::date AND ${scopeSql(scope)}`);
  }
  if (split.live) parts.push(Prisma.sql`SELECT ${cols} FROM ${LIVE[table](split.live)} l WHERE ${scopeSql(scope)}`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' UNION ALL ')})` : NOTHING;
}

/**
 * Seekers of a period as (period key, worker, trade, group, hired): for whole months the month rollup of closed
 * days, plus live days; `hired` also when the worker was hired on a live day of the period.
 */
export function seekerSource(split: Split, scope: FigureScope, byMonth: boolean): Prisma.Sql {
  const liveKey = byMonth ? `to_char(day, 'YYYY-MM')` : `day::text`;
  const parts: Prisma.Sql[] = [];
  if (split.closed) {
    const closed = byMonth
      ? Prisma.sql`SELECT month AS k, "workerId", trade, "marketId", grp, hired FROM "FigureSeekerMonth"
          WHERE month >= ${split.closed.from.slice(0, 7)} AND month <= ${lastDay(split.closed).slice(0, 7)} AND ${scopeSql(scope)}`
      : Prisma.sql`SELECT day::text AS k, "workerId", trade, "marketId", grp, hired FROM "FigureSeeker"
          WHERE day >= ${split.closed.from}::date AND day < ${split.closed.to}::date AND ${scopeSql(scope)}`;
    parts.push(closed);
  }
  if (split.live) {
    const hiredLive = Prisma.sql`(SELECT DISTINCT a."workerId" FROM "Assignment" a
      WHERE a."createdAt" >= (${split.live.from}::date - interval '8 hours') AND a."createdAt" < (${split.live.to}::date - interval '8 hours')
        AND a.status IN ('hired', 'completed'))`;
    parts.push(
      Prisma.sql`SELECT ${Prisma.raw(liveKey)} AS k, "workerId", trade, "marketId", grp, hired FROM ${seekerRowsSql(split.live)} l WHERE ${scopeSql(scope)}`,
    );
    if (byMonth) {
      return Prisma.sql`(SELECT u.k, u."workerId", u.trade, u."marketId", u.grp, (u.hired OR h."workerId" IS NOT NULL) AS hired
        FROM (${Prisma.join(parts, ' UNION ALL ')}) u LEFT JOIN ${hiredLive} h ON h."workerId" = u."workerId")`;
    }
  }
  return parts.length ? Prisma.sql`(${Prisma.join(parts, ' UNION ALL ')})` : NOTHING;
}

const lastDay = (span: DaySpan) => new Date(Date.parse(`${span.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** `CASE trade WHEN 'mason' THEN 'E' … END`: the GB/T 4754 section of a trade (constants, not input). */
export const INDUSTRY_CASE = Prisma.raw(
  `CASE trade ${TRADES.map((t) => `WHEN '${t.code.replace(/'/g, "''")}' THEN '${t.industry}'`).join(' ')} ELSE '?' END`,
);
