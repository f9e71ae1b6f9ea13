import type { FiguresFloor, FiguresMatching, PeriodFigures } from '@linggong/protocol';
import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { INDUSTRIES, TRADES } from '../reference/trades.data.js';
import { demandSupplyRatio } from './formula.js';
import { addDays, FiguresRollupService } from './figures-rollup.service.js';
import { INDUSTRY_CASE, levelOf, seekerSource, source, splitSpan, type FigureScope, type Split } from './figures-source.js';
import type { DaySpan } from './figures.sql.js';
import { figuresQuery } from './figures-query.js';
import { scopeKey, scopeMonthSql } from './figures-scope.js';
import { histogramWageLevels, p50p90, type Histogram } from './histogram.js';

/** The answers' shapes are the protocol's (packages/protocol/src/figures.ts). */
export type Matching = FiguresMatching;
export type Floor = FiguresFloor;
export type FloorGroup = FiguresFloor['groups'][number];
export type Figures = PeriodFigures;

export const PRIORITY_GROUPS = ['older', 'hard_to_employ'] as const;

const INDUSTRY_OF = new Map(TRADES.map((t) => [t.code, t.industry]));
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const per = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

interface TradeRow {
  trade: string;
  shiftsPosted: number;
  positionsPosted: number;
  positionsFilled: number;
  hires: number;
  assistedHires: number;
  lateCancels: number;
  noShows: number;
  offers: number;
}
interface WageRow {
  trade: string;
  kind: string;
  value: number;
  n: number;
}
interface GroupRow {
  grp: string;
  hires: number;
  earnings: number;
}
interface SeekerRow {
  trade: string | null;
  industry: string | null;
  grp: string | null;
  gt: number;
  seekers: number;
  hired: number;
}

export const monthSpan = (month: string): DaySpan => {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
};
export const daySpan = (date: string): DaySpan => ({ from: date, to: addDays(date, 1) });

/**
 * The figures of issue #18 for a month or a day and a place: 求人倍率 and 工资价位 by trade and industry,
 * matching, and the floor — read from the rollups for closed days and computed live for today.
 */
@Injectable()
export class FiguresService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly rollups: FiguresRollupService,
  ) {}

  today(): string {
    return this.rollups.today();
  }

  /** Builds what is stale and says which days to read from where (`allLive`: everything from the base tables). */
  async prepare(span: DaySpan, allLive = false): Promise<Split> {
    if (!allLive) await this.rollups.refresh(span);
    return splitSpan(span, this.rollups.today(), allLive);
  }

  async month(month: string, scope: FigureScope, allLive = false) {
    return { month, ...(await this.period(monthSpan(month), scope, true, allLive)) };
  }

  async day(date: string, scope: FigureScope, allLive = false) {
    return { date, ...(await this.period(daySpan(date), scope, false, allLive)) };
  }

  private async period(span: DaySpan, scope: FigureScope, byMonth: boolean, allLive: boolean): Promise<Figures> {
    const split = await this.prepare(span, allLive);
    const key = byMonth && !split.live ? scopeKey(scope) : null;
    const [trades, wages, fills, groups, seekers] = key
      ? await this.closedMonthRows(span.from.slice(0, 7), key)
      : await Promise.all([
          this.tradeRows(split, scope),
          this.wageRows(split, scope),
          this.fillRows(split, scope),
          this.groupRows(split, scope),
          this.seekerRows(split, scope, byMonth),
        ]);
    return {
      regionCode: scope.regionCode ?? null,
      marketId: scope.marketId ?? null,
      level: levelOf(scope),
      ...ratios(trades, wages, seekers),
      matching: matching(trades, fills),
      floor: floor(groups, seekers),
    };
  }

  /** A month over before today, for a region or a market alone: its rows as counted at rebuild (figures-scope.ts). */
  private closedMonthRows(month: string, key: string) {
    const sql = scopeMonthSql(month, key);
    return Promise.all([
      this.prisma.$queryRaw<TradeRow[]>(sql.trades),
      this.prisma.$queryRaw<WageRow[]>(sql.wages),
      this.prisma.$queryRaw<Histogram>(sql.fills),
      this.prisma.$queryRaw<GroupRow[]>(sql.groups),
      this.prisma.$queryRaw<SeekerRow[]>(sql.seekers),
    ]);
  }

  private tradeRows(split: Split, scope: FigureScope): Promise<TradeRow[]> {
    const cols = `trade, "shiftsPosted", "positionsPosted", "positionsFilled", hires, "assistedHires", "lateCancels", "noShows", offers`;
    return figuresQuery<TradeRow[]>(
      this.prisma,
      Prisma.sql`
      SELECT trade, SUM("shiftsPosted")::int AS "shiftsPosted", SUM("positionsPosted")::int AS "positionsPosted",
        SUM("positionsFilled")::int AS "positionsFilled", SUM(hires)::int AS hires, SUM("assistedHires")::int AS "assistedHires",
        SUM("lateCancels")::int AS "lateCancels", SUM("noShows")::int AS "noShows", SUM(offers)::int AS offers
      FROM ${source('FigureDay', split, scope, cols)} d GROUP BY trade`,
    );
  }

  private wageRows(split: Split, scope: FigureScope) {
    return figuresQuery<WageRow[]>(
      this.prisma,
      Prisma.sql`
      SELECT trade, kind, wage::float8 AS value, SUM(n)::int AS n
      FROM ${source('FigureWage', split, scope, 'trade, kind, wage, n')} w GROUP BY trade, kind, wage`,
    );
  }

  private fillRows(split: Split, scope: FigureScope): Promise<Histogram> {
    return figuresQuery<Histogram>(
      this.prisma,
      Prisma.sql`
      SELECT minutes AS value, SUM(n)::int AS n FROM ${source('FigureFill', split, scope, 'minutes, n')} f GROUP BY minutes`,
    );
  }

  private groupRows(split: Split, scope: FigureScope) {
    return figuresQuery<GroupRow[]>(
      this.prisma,
      Prisma.sql`
      SELECT grp, SUM(hires)::int AS hires, SUM(earnings)::float8 AS earnings
      FROM ${source('FigureGroupDay', split, scope, 'grp, hires, earnings')} g GROUP BY grp`,
    );
  }

  /** Distinct seekers (and those hired) by trade, by industry, by group and in all, in one pass. */
  private seekerRows(split: Split, scope: FigureScope, byMonth: boolean): Promise<SeekerRow[]> {
    return figuresQuery<SeekerRow[]>(
      this.prisma,
      Prisma.sql`
      SELECT trade, industry, grp, GROUPING(trade, industry, grp)::int AS gt,
        COUNT(DISTINCT "workerId" COLLATE "C")::int AS seekers, COUNT(DISTINCT "workerId" COLLATE "C") FILTER (WHERE hired)::int AS hired
      FROM (SELECT "workerId", trade, ${INDUSTRY_CASE} AS industry, grp, hired FROM ${seekerSource(split, scope, byMonth)} s0) s
      GROUP BY GROUPING SETS ((trade), (industry), (grp), ())`,
    );
  }
}

function ratios(trades: TradeRow[], wages: WageRow[], seekers: SeekerRow[]) {
  const demand = new Map(trades.filter((t) => t.positionsPosted > 0).map((t) => [t.trade, t.positionsPosted]));
  const seekersOf = new Map(seekers.filter((s) => s.gt === 3).map((s) => [s.trade!, s.seekers]));
  const seekersOfIndustry = new Map(seekers.filter((s) => s.gt === 5).map((s) => [s.industry!, s.seekers]));
  const hist = (kind: string, keep: (trade: string) => boolean) =>
    wages.filter((w) => w.kind === kind && keep(w.trade)).map((w) => ({ value: Number(w.value), n: w.n }));
  const agreedTrades = new Set(wages.filter((w) => w.kind === 'agreed').map((w) => w.trade));
  // The trades of the published figures: any with demand, seekers or an agreed day wage (as before #18).
  const tradeSet = [...new Set([...demand.keys(), ...seekersOf.keys(), ...agreedTrades])].sort();
  const byTrade = tradeSet.map((trade) => {
    const d = demand.get(trade) ?? 0;
    const s = seekersOf.get(trade) ?? 0;
    return {
      trade,
      demand: d,
      seekers: s,
      ratio: demandSupplyRatio(d, s),
      wage: histogramWageLevels(hist('agreed', (t) => t === trade)),
      postedWage: histogramWageLevels(hist('posted', (t) => t === trade)),
    };
  });
  const industries = [...new Set(tradeSet.map((t) => INDUSTRY_OF.get(t) ?? '?'))]
    .filter((i) => i in INDUSTRIES)
    .sort((a, b) => a.localeCompare(b));
  const byIndustry = industries.map((industry) => {
    const inIt = (t: string) => INDUSTRY_OF.get(t) === industry && tradeSet.includes(t);
    const d = byTrade.filter((t) => inIt(t.trade)).reduce((a, t) => a + t.demand, 0);
    const s = seekersOfIndustry.get(industry) ?? 0;
    return {
      industry,
      demand: d,
      seekers: s,
      ratio: demandSupplyRatio(d, s),
      wage: histogramWageLevels(hist('agreed', inIt)),
      postedWage: histogramWageLevels(hist('posted', inIt)),
    };
  });
  const totalDemand = [...demand.values()].reduce((a, b) => a + b, 0);
  const all = seekers.find((s) => s.gt === 7)?.seekers ?? 0;
  return { byIndustry, byTrade, total: { demand: totalDemand, seekers: all, ratio: demandSupplyRatio(totalDemand, all) } };
}

function matching(trades: TradeRow[], fills: Histogram): Matching {
  const sum = (k: keyof Omit<TradeRow, 'trade'>) => trades.reduce((a, t) => a + t[k], 0);
  const positionsPosted = sum('positionsPosted');
  const positionsFilled = sum('positionsFilled');
  const hires = sum('hires');
  const offers = sum('offers');
  return {
    shiftsPosted: sum('shiftsPosted'),
    positionsPosted,
    positionsFilled,
    fillRate: share(positionsFilled, positionsPosted),
    timeToFillMinutes: p50p90(fills.map((f) => ({ value: Number(f.value), n: f.n }))),
    offersPerHire: per(offers, hires),
    hires,
    offers,
    lateCancels: sum('lateCancels'),
    noShows: sum('noShows'),
    assistedHires: sum('assistedHires'),
  };
}

function floor(groups: GroupRow[], seekers: SeekerRow[]): Floor {
  const all = seekers.find((s) => s.gt === 7);
  const byGroup = new Map(seekers.filter((s) => s.gt === 6).map((s) => [s.grp!, s]));
  const hires = groups.reduce((a, g) => a + g.hires, 0);
  const earnings = groups.reduce((a, g) => a + Number(g.earnings), 0);
  const rows = PRIORITY_GROUPS.map((group) => {
    const g = groups.find((x) => x.grp === group);
    const s = byGroup.get(group)?.seekers ?? 0;
    return {
      group,
      seekers: s,
      hires: g?.hires ?? 0,
      waitingShare: share(s, all?.seekers ?? 0),
      hireShare: share(g?.hires ?? 0, hires),
      earningsShare: share(Number(g?.earnings ?? 0), earnings),
    };
  });
  const older = byGroup.get('older');
  return {
    groups: rows,
    olderHireRate: share(older?.hired ?? 0, older?.seekers ?? 0),
    overallHireRate: share(all?.hired ?? 0, all?.seekers ?? 0),
  };
}
