import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { regionPrefix } from '../reference/regions.data.js';
import { demandSupplyRatio } from './formula.js';
import { figuresQuery } from './figures-query.js';
import { seekerSource, source, type FigureScope, type Split } from './figures-source.js';
import { scopeKey } from './figures-scope.js';
import type { DaySpan } from './figures.sql.js';
import { FiguresService, monthSpan } from './figures.service.js';
import { addDays } from './figures-rollup.service.js';
import { histogramQuantile, mergeHistograms } from './histogram.js';

interface Point {
  demand: number;
  seekers: number;
  ratio: number | null;
  hires: number;
  fillRate: number | null;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function monthsEndingAt(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return at.toISOString().slice(0, 7);
  });
}

/** Trends (12 months, every day of a month) and the per-market rows of the officer's map. */
@Injectable()
export class FiguresTrendsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly figures: FiguresService,
  ) {}

  async trends(month: string, scope: FigureScope, allLive = false) {
    const months = monthsEndingAt(month, 12);
    const yearSpan = { from: `${months[0]}-01`, to: monthSpan(month).to };
    await this.figures.prepare(yearSpan, allLive);
    // Months over before today come from the month tables; the month still running (if any) from the days.
    const today = this.figures.today();
    const key = allLive ? null : scopeKey(scope);
    const closed = key ? months.filter((m) => monthSpan(m).to <= today) : [];
    const open = months.slice(closed.length);
    const openSplit = open.length ? await this.figures.prepare({ from: `${open[0]}-01`, to: yearSpan.to }, allLive) : null;
    const days = await this.figures.prepare(monthSpan(month), allLive);
    const closedDays = key && days.closed ? days.closed : null;
    const liveDays = key ? (days.live ? { closed: null, live: days.live } : null) : days;
    const [closedMonths, closedWages, openCounts, openSeekers, openWages, dayPoints, liveCounts, liveSeekers] = await Promise.all([
      key && closed.length ? this.scopeMonths(closed, key) : Promise.resolve<ScopePoint[]>([]),
      key && closed.length ? this.scopeWages(closed, key) : Promise.resolve<WageRow[]>([]),
      openSplit ? this.counts(openSplit, scope, `to_char(day, 'YYYY-MM')`) : new Map<string, Counts>(),
      openSplit ? this.seekers(openSplit, scope, true) : new Map<string, number>(),
      openSplit
        ? figuresQuery<WageRow[]>(
            this.prisma,
            Prisma.sql`
            SELECT to_char(day, 'YYYY-MM') AS k, wage::float8 AS value, SUM(n)::int AS n
            FROM ${source('FigureWage', openSplit, scope, 'day, kind, wage, n')} w WHERE kind = 'agreed' GROUP BY 1, 2`,
          )
        : [],
      key && closedDays ? this.scopeDays(closedDays, key) : Promise.resolve<ScopePoint[]>([]),
      liveDays ? this.counts(liveDays, scope, 'day::text') : new Map<string, Counts>(),
      liveDays ? this.seekers(liveDays, scope, false) : new Map<string, number>(),
    ]);
    const closedCounts = new Map(closedMonths.map((r): [string, Counts] => [r.k, r]));
    const closedSeekers = new Map(closedMonths.map((r): [string, number] => [r.k, r.seekers]));
    const byDay = new Map<string, Counts>([...dayPoints.map((r): [string, Counts] => [r.k, r]), ...liveCounts]);
    const seekersByDay = new Map<string, number>([...dayPoints.map((r): [string, number] => [r.k, r.seekers]), ...liveSeekers]);
    const byMonth = new Map([...closedCounts, ...openCounts]);
    const seekersByMonth = new Map([...closedSeekers, ...openSeekers]);
    const wages = [...closedWages, ...openWages];
    const wageP50 = (k: string) => {
      const p = histogramQuantile(mergeHistograms(wages.filter((w) => w.k === k).map((w) => ({ value: Number(w.value), n: w.n }))), 0.5);
      return p === null ? null : Math.round(p * 100) / 100;
    };
    const { from, to } = monthSpan(month);
    const dates: string[] = [];
    for (let d = from; d < to; d = addDays(d, 1)) dates.push(d);
    return {
      regionCode: scope.regionCode ?? null,
      marketId: scope.marketId ?? null,
      months: months.map((m) => ({ month: m, ...pointOf(m, byMonth, seekersByMonth), wageP50: wageP50(m) })),
      days: dates.map((date) => ({ date, ...pointOf(date, byDay, seekersByDay) })),
    };
  }

  /** Closed months' points for one scope: counts and distinct seekers as rebuilt (figures-scope.ts). */
  private scopeMonths(months: string[], key: string) {
    return this.prisma.$queryRaw<ScopePoint[]>`
      SELECT month AS k, COALESCE(m.demand, 0) AS demand, COALESCE(m.hires, 0) AS hires, COALESCE(m.filled, 0) AS filled,
        COALESCE(s.seekers, 0) AS seekers
      FROM (
        SELECT month, SUM("positionsPosted")::int AS demand, SUM(hires)::int AS hires, SUM("positionsFilled")::int AS filled
        FROM "FigureScopeMonth" WHERE scope = ${key} AND month >= ${months[0]} AND month <= ${months[months.length - 1]} GROUP BY month
      ) m
      FULL JOIN (
        SELECT month, seekers FROM "FigureScopeSeekers"
        WHERE scope = ${key} AND gt = 7 AND month >= ${months[0]} AND month <= ${months[months.length - 1]}
      ) s USING (month)`;
  }

  private scopeWages(months: string[], key: string): Promise<WageRow[]> {
    return this.prisma.$queryRaw<WageRow[]>`
      SELECT month AS k, wage::float8 AS value, SUM(n)::int AS n FROM "FigureScopeWage"
      WHERE scope = ${key} AND kind = 'agreed' AND month >= ${months[0]} AND month <= ${months[months.length - 1]} GROUP BY 1, 2`;
  }

  private scopeDays(span: DaySpan, key: string) {
    return this.prisma.$queryRaw<ScopePoint[]>`
      SELECT day::text AS k, demand, hires, filled, seekers FROM "FigureScopeDay"
      WHERE scope = ${key} AND day >= ${span.from}::date AND day < ${span.to}::date`;
  }

  /** Every market in the region (hidden ones too, for their history), with its month's figures; none left out. */
  async markets(month: string, regionCode: string | undefined, allLive = false) {
    const split = await this.figures.prepare(monthSpan(month), allLive);
    const scope = { regionCode };
    const [markets, counts, seekers] = await Promise.all([
      this.prisma.market.findMany({
        where: regionCode ? { regionCode: { startsWith: regionPrefix(regionCode) } } : {},
        orderBy: [{ regionCode: 'asc' }, { name: 'asc' }],
        select: { id: true, name: true, regionCode: true, lat: true, lng: true, operator: true },
      }),
      this.counts(split, scope, '"marketId"'),
      this.seekers(split, scope, true, '"marketId"'),
    ]);
    return markets.map((m) => ({
      marketId: m.id,
      name: m.name,
      regionCode: m.regionCode,
      location: { lat: m.lat, lng: m.lng },
      operator: m.operator,
      ...pointOf(m.id, counts, seekers),
    }));
  }

  private async counts(split: Split, scope: FigureScope, key: string): Promise<Map<string, Counts>> {
    const rows = await figuresQuery<Array<{ k: string; demand: number; hires: number; filled: number }>>(
      this.prisma,
      Prisma.sql`
      SELECT ${rawKey(key)} AS k, SUM("positionsPosted")::int AS demand, SUM(hires)::int AS hires, SUM("positionsFilled")::int AS filled
      FROM ${source('FigureDay', split, scope, 'day, "marketId", "positionsPosted", hires, "positionsFilled"')} d GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.k, r]));
  }

  private async seekers(split: Split, scope: FigureScope, byMonth: boolean, key = 'k'): Promise<Map<string, number>> {
    const rows = await figuresQuery<Array<{ k: string; n: number }>>(
      this.prisma,
      Prisma.sql`
      SELECT ${rawKey(key)} AS k, COUNT(DISTINCT "workerId" COLLATE "C")::int AS n FROM ${seekerSource(split, scope, byMonth)} s GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.k, r.n]));
  }
}

interface WageRow {
  k: string;
  value: number;
  n: number;
}

interface Counts {
  demand: number;
  hires: number;
  filled: number;
}

/** A closed month's or day's point of one scope, as rebuilt (figures-scope.ts). */
interface ScopePoint extends Counts {
  k: string;
  seekers: number;
}

const rawKey = (key: string) => Prisma.raw(key);

function pointOf(k: string, counts: Map<string, Counts>, seekers: Map<string, number>): Point {
  const c = counts.get(k) ?? { demand: 0, hires: 0, filled: 0 };
  const s = seekers.get(k) ?? 0;
  return { demand: c.demand, seekers: s, ratio: demandSupplyRatio(c.demand, s), hires: c.hires, fillRate: rate(c.filled, c.demand) };
}
