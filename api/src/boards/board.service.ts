import { Inject, Injectable } from '@nestjs/common';
import type { BoardShift, BoardSnapshot, BoardStats, Market } from '@linggong/protocol';
import { boundingBox } from '../common/geo.js';
import { nearMarket, nearMarketBox } from '../common/near-market.js';
import { SHIFT_WITH_EMPLOYER, type ShiftRow } from '../common/shift-row.js';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { PRESENCE_STORE, type PresenceStore } from '../presence/presence.store.js';
import { MarketsService } from '../reference/markets.service.js';
import { toBoardShift } from '../shifts/shift.mapper.js';
import { MonthlyStatsService } from '../stats/monthly-stats.service.js';
import { chinaMonth, startOfChinaDay } from '../stats/month.js';
import { BOARD_BUS, type BoardBus } from './board-bus.js';

/** A shift is near a market's board when posted at it or inside the box of its reach (`m` below). */
const near = Prisma.sql`(s."marketId" = m.id OR (s.lat BETWEEN m.lat0 AND m.lat1 AND s.lng BETWEEN m.lng0 AND m.lng1))`;
/**
 * A city's monthly ratio is recomputed at most this often for the boards' periodic figures: it is a month's
 * figure and moves slowly, while counting a city's month costs tens of milliseconds of the embedded
 * database's (and so the event loop's) time at 10,000 workers. A snapshot recomputes it once it has changed.
 */
const RATIO_MAX_AGE_MS = 60_000;

/** What a market's public board shows: open shifts near the market and the market's figures. */
@Injectable()
export class BoardService {
  private readonly ratioCache = new Map<string, { at: number; ratio: number | null; stale?: boolean }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly markets: MarketsService,
    @Inject(PRESENCE_STORE) private readonly presence: PresenceStore,
    @Inject(BOARD_BUS) private readonly bus: BoardBus,
    private readonly monthly: MonthlyStatsService,
  ) {}

  /** The seq is read before the data: a delta racing the snapshot is then repeated, never lost. */
  async snapshot(market: Market): Promise<BoardSnapshot> {
    const seq = await this.bus.current(market.id);
    const [shifts, stats] = await Promise.all([this.openShifts(market), this.stats(market, { exact: true })]);
    return { seq, market, shifts, stats };
  }

  marketsShowing(shift: ShiftRow): Market[] {
    return this.markets.covering({ lat: shift.lat, lng: shift.lng }, shift.marketId);
  }

  async openShifts(market: Market): Promise<BoardShift[]> {
    const rows = await this.prisma.shift.findMany({
      where: { status: 'open', OR: nearMarketBox(market) },
      include: SHIFT_WITH_EMPLOYER,
      orderBy: { createdAt: 'desc' },
      take: 1000,
    });
    return rows
      .filter((s) => nearMarket(market, s))
      .map((s) => toBoardShift(s, market.location));
  }

  /** `exact` (a snapshot) recomputes a ratio known to be stale; the periodic push lets it lag up to RATIO_MAX_AGE_MS. */
  async stats(market: Market, { exact = false } = {}): Promise<BoardStats> {
    return (await this.statsFor([market], { exact })).get(market.id)!;
  }

  /** Every market's figures with one query for the shifts and hires near each (the push runs each second). */
  async statsFor(markets: Market[], { exact = false } = {}): Promise<Map<string, BoardStats>> {
    // Markets of one city share its ratio: computed once, not once per market.
    const byCity = new Map<string, Promise<number | null>>();
    const ratioOf = (m: Market) => {
      const city = cityOf(m.regionCode);
      if (!byCity.has(city)) byCity.set(city, this.cityRatio(city, exact));
      return byCity.get(city)!;
    };
    const [counts, waiting, ratios] = await Promise.all([
      this.countsNear(markets),
      Promise.all(markets.map((m) => this.presence.countWaitingAt(m.id))),
      Promise.all(markets.map(ratioOf)),
    ]);
    const month = chinaMonth(new Date());
    return new Map(
      markets.map((m, i) => {
        const c = counts.get(m.id);
        const stats: BoardStats = {
          month,
          openShifts: c?.openShifts ?? 0,
          openPositions: c?.openPositions ?? 0,
          waitingWorkers: waiting[i],
          hiredToday: c?.hiredToday ?? 0,
          demandSupplyRatio: ratios[i],
        };
        return [m.id, stats];
      }),
    );
  }

  /** Open shifts, open positions and today's hires posted at or within reach (its box) of each market. */
  private async countsNear(markets: Market[]) {
    if (!markets.length) return new Map<string, { openShifts: number; openPositions: number; hiredToday: number }>();
    const boxes = markets.map((m) => {
      const box = boundingBox(m.location, m.reachKm);
      return Prisma.sql`(${m.id}, ${box.lat.gte}::float8, ${box.lat.lte}::float8, ${box.lng.gte}::float8, ${box.lng.lte}::float8)`;
    });
    const rows = await this.prisma.$queryRaw<Array<{ id: string; openShifts: number; openPositions: number; hiredToday: number }>>`
      SELECT m.id, open."openShifts", open."openPositions",
        (SELECT count(*) FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId"
          WHERE a."createdAt" >= ${startOfChinaDay(new Date())} AND a.status <> 'cancelled' AND ${near})::int AS "hiredToday"
      FROM (VALUES ${Prisma.join(boxes)}) AS m(id, lat0, lat1, lng0, lng1),
        LATERAL (SELECT count(*)::int AS "openShifts", COALESCE(sum(s.headcount - s.filled), 0)::int AS "openPositions"
          FROM "Shift" s WHERE s.status = 'open' AND ${near}) open`;
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Demand or seekers changed: snapshots recompute the ratios; the periodic push waits for RATIO_MAX_AGE_MS. */
  forgetRatios(): void {
    for (const entry of this.ratioCache.values()) entry.stale = true;
  }

  private async cityRatio(city: string, exact: boolean): Promise<number | null> {
    const cached = this.ratioCache.get(city);
    const maxAge = exact && cached?.stale ? 0 : RATIO_MAX_AGE_MS;
    if (cached && Date.now() - cached.at < maxAge) return cached.ratio;
    const ratio = await this.monthly.ratio(chinaMonth(new Date()), city);
    this.ratioCache.set(city, { at: Date.now(), ratio });
    return ratio;
  }
}

const cityOf = (regionCode: string) => `${regionCode.slice(0, 4)}00`;
