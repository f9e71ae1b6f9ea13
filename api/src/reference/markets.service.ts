import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Amenity, GuideEntry, LatLng, Market } from '@linggong/protocol';
import { PrismaClient } from '../database/prisma.js';
import { distanceKm } from '../common/geo.js';

type MarketRow = Awaited<ReturnType<PrismaClient['market']['findMany']>>[number];

export function toMarket(m: MarketRow): Market {
  return {
    id: m.id,
    name: m.name,
    nameEn: m.nameEn,
    kind: m.kind,
    operator: m.operator,
    regionCode: m.regionCode,
    location: { lat: m.lat, lng: m.lng },
    address: m.address,
    hours: m.hours,
    hotline: m.hotline,
    complaintChannel: m.complaintChannel,
    reachKm: m.reachKm,
    services: m.services,
    amenities: m.amenities as unknown as Amenity[],
    operatorName: m.operatorName,
    contractStart: m.contractStart ? isoDate(m.contractStart) : null,
    contractEnd: m.contractEnd ? isoDate(m.contractEnd) : null,
    guide: m.guide as unknown as GuideEntry[],
    active: m.active,
  };
}

/** A `@db.Date` column comes back as midnight UTC of that date. */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** How often markets are read again, so every instance converges on edits. */
const MARKETS_RELOAD_MS = 60_000;

/**
 * Markets change rarely: kept in memory, loaded at start-up, reloaded when one changes here
 * (`market.changed`, see markets/market-live.ts) and on a timer so every instance converges. Only active
 * markets are listed, found, and shown shifts: a hidden one keeps its history but takes no part in
 * dispatch or boards.
 */
@Injectable()
export class MarketsService implements OnModuleInit, OnModuleDestroy {
  private markets: Market[] = [];
  private byId = new Map<string, Market>();
  private reloadTimer?: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaClient) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.reloadTimer = setInterval(() => void this.reload().catch(() => undefined), MARKETS_RELOAD_MS);
    this.reloadTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.reloadTimer);
  }

  async reload(): Promise<void> {
    const rows = await this.prisma.market.findMany({ where: { active: true }, orderBy: [{ regionCode: 'asc' }, { name: 'asc' }] });
    this.markets = rows.map(toMarket);
    this.byId = new Map(this.markets.map((m) => [m.id, m]));
  }

  all(): Market[] {
    return this.markets;
  }

  async find(id: string): Promise<Market | undefined> {
    if (!this.byId.has(id)) await this.reload();
    return this.byId.get(id);
  }

  /** The nearest market whose reach covers the point, if any. */
  nearest(point: LatLng): Market | undefined {
    let best: { market: Market; d: number } | undefined;
    for (const market of this.markets) {
      const d = distanceKm(point, market.location);
      if (d <= market.reachKm && (!best || d < best.d)) best = { market, d };
    }
    return best?.market;
  }

  /** Markets whose boards show a shift at this point (within reach, or posted at the market). */
  covering(point: LatLng, marketId: string | null): Market[] {
    return this.markets.filter((m) => m.id === marketId || distanceKm(point, m.location) <= m.reachKm);
  }
}
