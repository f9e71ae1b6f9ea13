import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';
import type { MonthlyStats } from '../stats/monthly-stats.service.js';

// Any fixed number: publications take turns, so versions and feed positions commit in the order given.
const PUBLISH_LOCK = 72_617_018;

export interface NewPublication {
  month: string;
  regionCode: string;
  version: number;
  publishedAt: Date;
}

/** Writes published months: each publication one new row, never updated. */
@Injectable()
export class PublicationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The next version of (month, region) with its frozen figures. The lock is held until commit, so two
   * officers publishing at once get versions n and n+1, and `feedSeq` never commits out of order (the
   * feed of figures could otherwise skip a publication that committed after a reader had passed it).
   */
  append(figures: MonthlyStats, regionCode: string, publishedBy: string): Promise<NewPublication> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK}::bigint)`;
      const [{ version, feedSeq }] = await tx.$queryRaw<Array<{ version: number; feedSeq: bigint }>>`
        SELECT
          (SELECT COALESCE(max(version), 0) + 1 FROM "PublishedMonth" WHERE month = ${figures.month} AND "regionCode" = ${regionCode})::int AS version,
          (SELECT COALESCE(max("feedSeq"), 0) + 1 FROM "PublishedMonth")::bigint AS "feedSeq"`;
      return tx.publishedMonth.create({
        data: {
          month: figures.month,
          regionCode,
          version,
          feedSeq,
          publishedBy,
          figures: figures as unknown as Prisma.InputJsonValue,
        },
        select: { month: true, regionCode: true, version: true, publishedAt: true },
      });
    }, TX_OPTIONS);
  }
}
