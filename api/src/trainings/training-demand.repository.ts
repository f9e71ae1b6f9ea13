import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../database/prisma.js';

/** The only code that touches TrainingDemand (and reads the month's WaitingDay rows beside it). */
@Injectable()
export class TrainingDemandRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** A worker's latest answer replaces the one before: each worker counts once per trade. */
  async answer(workerId: string, trades: string[], note: string | null, regionCode: string | null): Promise<void> {
    await this.prisma.trainingDemand.upsert({
      where: { workerId },
      create: { workerId, trades, note, regionCode },
      update: { trades, note, regionCode },
    });
  }

  workerRegion(workerId: string): Promise<{ regionCode: string | null } | null> {
    return this.prisma.workerProfile.findUnique({ where: { id: workerId }, select: { regionCode: true } });
  }

  /** Workers wanting training in each trade, in the region (by code prefix). */
  async byTrade(prefix: string): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<Array<{ trade: string; workers: number }>>`
      SELECT trade, count(DISTINCT "workerId")::int AS workers
      FROM (SELECT unnest(trades) AS trade, "workerId" FROM "TrainingDemand" WHERE "regionCode" LIKE ${`${prefix}%`}) d
      GROUP BY trade`;
    return new Map(rows.map((r) => [r.trade, r.workers]));
  }

  /**
   * Workers of each trade who waited in the region on some day of [start, end) (China-time days `fromDay`
   * to before `toDay`) and were hired for nothing created in that time.
   */
  async waitedWithoutWork(prefix: string, fromDay: string, toDay: string, start: Date, end: Date): Promise<Map<string, number>> {
    const rows = await this.prisma.$queryRaw<Array<{ trade: string; workers: number }>>`
      SELECT w.trade, count(DISTINCT w."workerId")::int AS workers
      FROM "WaitingDay" w
      WHERE w.day >= ${fromDay}::date AND w.day < ${toDay}::date AND w."regionCode" LIKE ${`${prefix}%`}
        AND NOT EXISTS (
          SELECT 1 FROM "Assignment" a
          WHERE a."workerId" = w."workerId" AND a."createdAt" >= ${start} AND a."createdAt" < ${end} AND a.status <> 'cancelled')
      GROUP BY w.trade`;
    return new Map(rows.map((r) => [r.trade, r.workers]));
  }
}

