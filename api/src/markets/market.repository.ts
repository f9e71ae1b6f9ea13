import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';

export type MarketRow = Awaited<ReturnType<PrismaClient['market']['findUniqueOrThrow']>>;

/** The values a market row is written with (dates and JSON as Prisma takes them). */
export interface MarketData {
  name: string;
  nameEn: string;
  kind: 'comprehensive' | 'industry' | 'station' | 'doorstep';
  operator: 'hrss' | 'co_branded' | 'contracted';
  operatorName: string | null;
  contractStart: Date | null;
  contractEnd: Date | null;
  regionCode: string;
  lat: number;
  lng: number;
  reachKm: number;
  address: string;
  hours: string;
  hotline: string;
  complaintChannel: string;
  services: string[];
  amenities: object[];
  guide: object[];
  active: boolean;
}

/** Markets as their admins keep them, and the counts shown beside them. */
@Injectable()
export class MarketRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(id: string): Promise<MarketRow | null> {
    return this.prisma.market.findUnique({ where: { id } });
  }

  async regionExists(code: string): Promise<boolean> {
    return (await this.prisma.region.count({ where: { code } })) > 0;
  }

  /** Creates the market; `undefined` when the id is taken. */
  async create(id: string | undefined, data: MarketData): Promise<MarketRow | undefined> {
    try {
      return await this.prisma.market.create({ data: { ...(id ? { id } : {}), ...data } });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return undefined;
      throw err;
    }
  }

  update(id: string, data: Partial<MarketData>): Promise<MarketRow> {
    return this.prisma.market.update({ where: { id }, data });
  }

  /** Markets that are one of `marketIds` or lie in one of the regions (by code prefix), hidden ones too. */
  inScope(marketIds: string[], regionPrefixes: string[]): Promise<MarketRow[]> {
    if (!marketIds.length && !regionPrefixes.length) return Promise.resolve([]);
    return this.prisma.market.findMany({
      where: { OR: [{ id: { in: marketIds } }, ...regionPrefixes.map((p) => ({ regionCode: { startsWith: p } }))] },
      orderBy: [{ regionCode: 'asc' }, { name: 'asc' }],
    });
  }

  /** How many staff serve each market. */
  async staffCounts(marketIds: string[]): Promise<Map<string, number>> {
    if (!marketIds.length) return new Map();
    const rows = await this.prisma.scope.groupBy({ by: ['marketId'], where: { role: 'staff', marketId: { in: marketIds } }, _count: true });
    return new Map(rows.map((r) => [r.marketId!, r._count]));
  }
}
