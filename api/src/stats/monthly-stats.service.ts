import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { regionPrefix } from '../reference/regions.data.js';
import { TRADES, INDUSTRIES } from '../reference/trades.data.js';
import { dayWage, demandSupplyRatio, wageLevels, type WageLevels } from './formula.js';
import { chinaDate, monthRange } from './month.js';

export interface TradeFigures {
  trade: string;
  demand: number;
  seekers: number;
  ratio: number | null;
  wage: WageLevels | null;
}

export interface MonthlyStats {
  month: string;
  regionCode: string | null;
  byIndustry: Array<{ industry: string; demand: number; seekers: number; ratio: number | null }>;
  byTrade: TradeFigures[];
  total: { demand: number; seekers: number; ratio: number | null };
}

const INDUSTRY_OF = new Map(TRADES.map((t) => [t.code, t.industry]));

/** The monthly figures the provincial plan asks for, computed from shifts, hires and waiting days. */
@Injectable()
export class MonthlyStatsService {
  constructor(private readonly prisma: PrismaClient) {}

  async compute(month: string, regionCode?: string): Promise<MonthlyStats> {
    const { start, end } = monthRange(month);
    const prefix = regionLike(regionCode);
    const [demand, seekers, hires] = await Promise.all([
      this.demand(start, end, prefix),
      this.seekers(start, end, month, prefix),
      this.hires(start, end, prefix),
    ]);
    const trades = new Set([...demand.keys(), ...seekers.byTrade.keys(), ...hires.keys()]);
    const byTrade = [...trades].sort().map((trade) => {
      const d = demand.get(trade) ?? 0;
      const s = seekers.byTrade.get(trade)?.size ?? 0;
      return { trade, demand: d, seekers: s, ratio: demandSupplyRatio(d, s), wage: wageLevels(hires.get(trade) ?? []) };
    });
    const industries = new Map<string, { demand: number; seekers: Set<string> }>();
    for (const t of trades) {
      const key = INDUSTRY_OF.get(t) ?? '?';
      const entry = industries.get(key) ?? { demand: 0, seekers: new Set<string>() };
      entry.demand += demand.get(t) ?? 0;
      for (const w of seekers.byTrade.get(t) ?? []) entry.seekers.add(w);
      industries.set(key, entry);
    }
    const byIndustry = [...industries.entries()]
      .filter(([industry]) => industry in INDUSTRIES)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([industry, e]) => ({
        industry,
        demand: e.demand,
        seekers: e.seekers.size,
        ratio: demandSupplyRatio(e.demand, e.seekers.size),
      }));
    const totalDemand = [...demand.values()].reduce((a, b) => a + b, 0);
    return {
      month,
      regionCode: regionCode ?? null,
      byIndustry,
      byTrade,
      total: { demand: totalDemand, seekers: seekers.all.size, ratio: demandSupplyRatio(totalDemand, seekers.all.size) },
    };
  }

  /** The month's 求人倍率 alone, as every board shows it. */
  async ratio(month: string, regionCode?: string): Promise<number | null> {
    return (await this.total(month, regionCode)).ratio;
  }

  /**
   * The full figures' `total` alone, counted in the database, one row back. Same rows as theirs, but seekers
   * are counted as distinct worker ids: deduplicating (trade, worker) pairs first cost most of the time.
   */
  async total(month: string, regionCode?: string): Promise<MonthlyStats['total']> {
    const { start, end } = monthRange(month);
    const prefix = regionLike(regionCode);
    const [row] = await this.prisma.$queryRaw<Array<{ demand: bigint; seekers: bigint }>>`
      SELECT
        (SELECT COALESCE(SUM(headcount), 0) FROM ${demandRows(start, end, prefix)})::bigint AS demand,
        (SELECT COUNT(*) FROM ${seekerIds(start, end, month, prefix)})::bigint AS seekers`;
    const demand = Number(row.demand);
    const seekers = Number(row.seekers);
    return { demand, seekers, ratio: demandSupplyRatio(demand, seekers) };
  }

  /** Positions requested in the month; cancelled shifts withdrew their demand and do not count. */
  private async demand(start: Date, end: Date, prefix: string): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<Array<{ trade: string; demand: bigint }>>`
      SELECT trade, SUM(headcount)::bigint AS demand FROM ${demandRows(start, end, prefix)} GROUP BY trade`;
    return new Map(rows.map((r) => [r.trade, Number(r.demand)]));
  }

  /** Distinct workers who registered, or waited, for each trade in the month. */
  private async seekers(start: Date, end: Date, month: string, prefix: string) {
    const rows = await this.prisma.$queryRaw<Array<{ trade: string; workerId: string }>>`
      SELECT DISTINCT trade, "workerId" FROM ${seekerRows(start, end, month, prefix)}`;
    const byTrade = new Map<string, Set<string>>();
    const all = new Set<string>();
    for (const r of rows) {
      if (!byTrade.has(r.trade)) byTrade.set(r.trade, new Set());
      byTrade.get(r.trade)!.add(r.workerId);
      all.add(r.workerId);
    }
    return { byTrade, all };
  }

  /** Day wages agreed in the month's hires, per trade. */
  private async hires(start: Date, end: Date, prefix: string): Promise<Map<string, number[]>> {
    const rows = await this.prisma.$queryRaw<Array<{ trade: string; amount: string; unit: string; hours: number }>>`
      SELECT s.trade, a."wageAmount"::text AS amount, a."wageUnit"::text AS unit,
             EXTRACT(EPOCH FROM (a."endsAt" - a."startsAt")) / 3600.0 AS hours
      FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId"
      WHERE a."createdAt" >= ${start} AND a."createdAt" < ${end} AND a.status IN ('hired', 'completed')
        AND ${inRegion(Prisma.sql`s."regionCode"`, prefix)}`;
    const byTrade = new Map<string, number[]>();
    for (const r of rows) {
      const wage = dayWage(Number(r.amount), r.unit, Number(r.hours));
      if (wage === null) continue;
      if (!byTrade.has(r.trade)) byTrade.set(r.trade, []);
      byTrade.get(r.trade)!.push(wage);
    }
    return byTrade;
  }
}

const regionLike = (regionCode?: string) => `${regionCode ? regionPrefix(regionCode) : ''}%`;

/**
 * `COALESCE(column, '') LIKE prefix`, written so that the planner sees the column itself: with a region's
 * prefix it is `column LIKE '6201%'`, which an index on the column serves (PGlite's collation is C).
 */
function inRegion(column: Prisma.Sql, prefix: string): Prisma.Sql {
  return Prisma.sql`(${column} LIKE ${prefix} OR (${column} IS NULL AND '' LIKE ${prefix}))`;
}

/** The month's shifts that count as demand (cancelled ones withdrew it), as a subquery. */
function demandRows(start: Date, end: Date, prefix: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT trade, headcount FROM "Shift"
    WHERE "createdAt" >= ${start} AND "createdAt" < ${end} AND status <> 'cancelled'
      AND ${inRegion(Prisma.sql`"regionCode"`, prefix)}
  ) demand`;
}

/** Workers who registered in the month, as a `FROM … WHERE …` fragment. */
function registeredIn(start: Date, end: Date, prefix: string): Prisma.Sql {
  return Prisma.sql`"WorkerProfile"
    WHERE "createdAt" >= ${start} AND "createdAt" < ${end} AND ${inRegion(Prisma.sql`"regionCode"`, prefix)}`;
}

/** (worker, day, trade) waited in the month, as a `FROM … WHERE …` fragment. */
function waitedIn(end: Date, month: string, prefix: string): Prisma.Sql {
  return Prisma.sql`"WaitingDay"
    WHERE day >= ${`${month}-01`}::date AND day < ${chinaDate(end)}::date AND ${inRegion(Prisma.sql`"regionCode"`, prefix)}`;
}

/** (trade, worker) for every worker who registered, or waited, for a trade in the month, as a subquery. */
function seekerRows(start: Date, end: Date, month: string, prefix: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT unnest(trades) AS trade, id AS "workerId" FROM ${registeredIn(start, end, prefix)}
    UNION
    SELECT trade, "workerId" FROM ${waitedIn(end, month, prefix)}
  ) seekers`;
}

/**
 * The workers of `seekerRows` once each, as a subquery. A registration without trades has no row there,
 * hence `cardinality`; a one-column UNION is deduplicated by hashing or sorting ids, not pairs.
 */
function seekerIds(start: Date, end: Date, month: string, prefix: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT id AS "workerId" FROM ${registeredIn(start, end, prefix)} AND cardinality(trades) > 0
    UNION
    SELECT "workerId" FROM ${waitedIn(end, month, prefix)}
  ) seekers`;
}
