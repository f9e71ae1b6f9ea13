import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { regionPrefix } from '../reference/regions.data.js';
import { demandSupplyRatio } from './formula.js';
import { figuresQuery } from './figures-query.js';
import { scopeSql, seekerSource, source, type FigureScope, type Split } from './figures-source.js';
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
    const closed = allLive ? [] : months.filter((m) => monthSpan(m).to <= today);
    const open = months.slice(closed.length);
    const openSplit = open.length ? await this.figures.prepare({ from: `${open[0]}-01`, to: yearSpan.to }, allLive) : null;
    const days = await this.figures.prepare(monthSpan(month), allLive);
    const [closedCounts, closedSeekers, closedWages, openCounts, openSeekers, openWages, byDay, seekersByDay] = await Promise.all([
      closed.length ? this.monthCounts(closed, scope) : new Map<string, Counts>(),
      closed.length ? this.monthSeekers(closed, scope) : new Map<string, number>(),
      closed.length ? this.monthWages(closed, scope) : [],
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
      this.counts(days, scope, 'day::text'),
      this.seekers(days, scope, false),
    ]);
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

  private async monthCounts(months: string[], scope: FigureScope): Promise<Map<string, Counts>> {
    const rows = await figuresQuery<Array<{ k: string; demand: number; hires: number; filled: number }>>(
      this.prisma,
      Prisma.sql`
      SELECT month AS k, SUM(demand)::int AS demand, SUM(hires)::int AS hires, SUM(filled)::int AS filled FROM "FigureMonth"
      WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]} AND ${scopeSql(scope)} GROUP BY 1`,
    );
    return new Map(rows.map((r) => [r.k, r]));
  }

  private monthWages(months: string[], scope: FigureScope): Promise<WageRow[]> {
    return figuresQuery<WageRow[]>(
      this.prisma,
      Prisma.sql`
      SELECT month AS k, wage::float8 AS value, SUM(n)::int AS n FROM "FigureWageMonth"
      WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]} AND ${scopeSql(scope)} GROUP BY 1, 2`,
    );
  }

  /** Distinct seekers per closed month: counted at rebuild for a region or a market alone, else from the month rows. */
  private async monthSeekers(months: string[], scope: FigureScope): Promise<Map<string, number>> {
    const key =
      scope.regionCode && scope.marketId
        ? null
        : scope.marketId
          ? `m:${scope.marketId}`
          : `r:${scope.regionCode ? regionPrefix(scope.regionCode) : ''}`;
    if (!key) {
      const split = { closed: { from: `${months[0]}-01`, to: monthSpan(months[months.length - 1]).to }, live: null };
      return this.seekers(split, scope, true);
    }
    const rows = await this.prisma.$queryRaw<Array<{ k: string; n: number }>>`
      SELECT month AS k, seekers AS n FROM "FigureSeekerCount" WHERE scope = ${key} AND month >= ${months[0]} AND month <= ${months[months.length - 1]}`;
    return new Map(rows.map((r) => [r.k, r.n]));
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

const rawKey = (key: string) => Prisma.raw(key);

function pointOf(k: string, counts: Map<string, Counts>, seekers: Map<string, number>): Point {
  const c = counts.get(k) ?? { demand: 0, hires: 0, filled: 0 };
  const s = seekers.get(k) ?? 0;
  return { demand: c.demand, seekers: s, ratio: demandSupplyRatio(c.demand, s), hires: c.hires, fillRate: rate(c.filled, c.demand) };
}
