import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../database/prisma.js';

export interface DemandPoint {
  lat: number;
  lng: number;
  shifts: number;
  positions: number;
  /** A waiting worker's id, for counting workers once per cell. */
  workerId?: string;
}

/** Where demand was in a month: shifts posted and workers who waited (their first place of each day). */
@Injectable()
export class CoverageRepository {
  constructor(private readonly prisma: PrismaClient) {}

  markets(): Promise<Array<{ id: string; lat: number; lng: number }>> {
    return this.prisma.market.findMany({ where: { active: true }, select: { id: true, lat: true, lng: true } });
  }

  async shifts(prefix: string, start: Date, end: Date): Promise<DemandPoint[]> {
    const rows = await this.prisma.shift.findMany({
      where: { regionCode: { startsWith: prefix }, createdAt: { gte: start, lt: end } },
      select: { lat: true, lng: true, headcount: true },
    });
    return rows.map((r) => ({ lat: r.lat, lng: r.lng, shifts: 1, positions: r.headcount }));
  }

  async waiting(prefix: string, start: Date, end: Date): Promise<DemandPoint[]> {
    const rows = await this.prisma.waitingDay.findMany({
      where: { regionCode: { startsWith: prefix }, day: { gte: dayOf(start), lt: dayOf(end) }, lat: { not: null }, lng: { not: null } },
      select: { workerId: true, lat: true, lng: true },
    });
    return rows.map((r) => ({ lat: r.lat!, lng: r.lng!, shifts: 0, positions: 0, workerId: r.workerId }));
  }
}

/** WaitingDay.day holds the China date at UTC midnight. */
const dayOf = (instant: Date) => new Date(`${new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
