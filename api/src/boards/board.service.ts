import type { BoardShift, BoardSnapshot, BoardStats, Market } from '@linggong/protocol';
import type { PrismaClient } from '../database/prisma.js';
import { SHIFT_WITH_EMPLOYER } from '../dispatch/offers.repository.js';
import { boundingBox, distanceKm } from '../presence/geo.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { MarketsService } from '../reference/markets.service.js';
import { toBoardShift, type ShiftRow } from '../shifts/shift.mapper.js';
import type { MonthlyStatsService } from '../stats/monthly-stats.service.js';
import { chinaMonth, startOfChinaDay } from '../stats/month.js';
import type { BoardBus } from './board-bus.js';

const RATIO_CACHE_MS = 60_000;
/** After demand or seekers change, a city's monthly ratio is recomputed at most this often: it moves slowly. */
const RATIO_REFRESH_MS = 10_000;

/** What a market's public board shows: open shifts near the market and the market's figures. */
export class BoardService {
  private readonly ratioCache = new Map<string, { at: number; ratio: number | null; stale?: boolean }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly markets: MarketsService,
    private readonly presence: PresenceStore,
    private readonly bus: BoardBus,
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
      where: { status: 'open', OR: [{ marketId: market.id }, boundingBox(market.location, market.reachKm)] },
      include: SHIFT_WITH_EMPLOYER,
      orderBy: { createdAt: 'desc' },
      take: 1000,
    });
    return rows
      .filter((s) => s.marketId === market.id || distanceKm(market.location, { lat: s.lat, lng: s.lng }) <= market.reachKm)
      .map((s) => toBoardShift(s, market.location));
  }

  /** `exact` (a snapshot) recomputes a ratio known to be stale; the periodic push lets it lag up to RATIO_REFRESH_MS. */
  async stats(market: Market, { exact = false } = {}): Promise<BoardStats> {
    const near = { OR: [{ marketId: market.id }, boundingBox(market.location, market.reachKm)] };
    const [open, hiredToday, waitingWorkers, demandSupplyRatio] = await Promise.all([
      this.prisma.shift.aggregate({ where: { status: 'open', ...near }, _count: { _all: true }, _sum: { headcount: true, filled: true } }),
      this.prisma.assignment.count({
        where: { createdAt: { gte: startOfChinaDay(new Date()) }, status: { not: 'cancelled' }, shift: near },
      }),
      this.presence.countWaitingAt(market.id),
      this.cityRatio(market.regionCode, exact),
    ]);
    return {
      month: chinaMonth(new Date()),
      openShifts: open._count._all,
      openPositions: (open._sum.headcount ?? 0) - (open._sum.filled ?? 0),
      waitingWorkers,
      hiredToday,
      demandSupplyRatio,
    };
  }

  /** Demand or seekers changed: the ratios are recomputed once they are RATIO_REFRESH_MS old. */
  forgetRatios(): void {
    for (const entry of this.ratioCache.values()) entry.stale = true;
  }

  private async cityRatio(regionCode: string, exact: boolean): Promise<number | null> {
    const city = `${regionCode.slice(0, 4)}00`;
    const cached = this.ratioCache.get(city);
    const maxAge = cached?.stale ? (exact ? 0 : RATIO_REFRESH_MS) : RATIO_CACHE_MS;
    if (cached && Date.now() - cached.at < maxAge) return cached.ratio;
    const ratio = await this.monthly.ratio(chinaMonth(new Date()), city);
    this.ratioCache.set(city, { at: Date.now(), ratio });
    return ratio;
  }
}
