import { Injectable } from '@nestjs/common';
import { PrismaClient, TX_OPTIONS } from '../database/prisma.js';
import type { PublishedMonthRow } from '../stats/published-months.repository.js';
import type { MonthlyStats } from '../stats/monthly-stats.service.js';

// Any fixed number: one sequencer at a time gives feed positions, on every instance.
const SEQUENCER_LOCK = 72_617_019;
const SEQUENCE_BATCH = 5_000;

export interface ShiftVersionRow {
  feedSeq: bigint;
  shiftId: string;
  version: number;
  regionCode: string | null;
  marketId: string | null;
  trade: string;
  headcount: number;
  filled: number;
  wageAmount: string;
  wageUnit: 'day' | 'hour' | 'piece';
  startsAt: Date;
  endsAt: Date;
  status: 'open' | 'filled' | 'cancelled' | 'expired' | 'completed';
  updatedAt: Date;
}

/** The feeds' reads: shift versions (appended by the database trigger) and published months. */
@Injectable()
export class FeedRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Gives feed positions to the shift versions that have committed and have none, in the order they were
   * appended. A version's bigserial `seq` may commit after a larger one, so the feed is not served by `seq`:
   * positions are given here, one sequencer at a time (the lock is held to commit), to committed rows only,
   * each above every position given before. A version still uncommitted now gets a later position than
   * anything a reader has seen, so no reader can have passed it. Versions of one shift are written one
   * after another under the shift's row lock, so their `seq` order is their order.
   */
  async sequenceShiftVersions(): Promise<void> {
    for (;;) {
      const given = await this.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK}::bigint)`;
        return tx.$executeRaw`
          WITH base AS (SELECT COALESCE(max("feedSeq"), 0) AS top FROM "ShiftVersion"),
          pending AS (
            SELECT seq, row_number() OVER (ORDER BY seq) AS n
            FROM (SELECT seq FROM "ShiftVersion" WHERE "feedSeq" IS NULL ORDER BY seq LIMIT ${SEQUENCE_BATCH}) p
          )
          UPDATE "ShiftVersion" v SET "feedSeq" = base.top + pending.n
          FROM pending, base WHERE v.seq = pending.seq`;
      }, TX_OPTIONS);
      if (given < SEQUENCE_BATCH) return;
    }
  }

  shiftVersions(after: bigint, regionPrefix: string, limit: number): Promise<ShiftVersionRow[]> {
    return this.prisma.$queryRaw<ShiftVersionRow[]>`
      SELECT "feedSeq", "shiftId", version, "regionCode", "marketId", trade, headcount, filled, "wageAmount"::text AS "wageAmount",
        "wageUnit"::text AS "wageUnit", "startsAt", "endsAt", status::text AS status, "updatedAt"
      FROM "ShiftVersion"
      WHERE "feedSeq" > ${after} AND "regionCode" LIKE ${`${regionPrefix}%`}
      ORDER BY "feedSeq" LIMIT ${limit}`;
  }

  async publishedMonths(after: bigint, regionPrefix: string, limit: number): Promise<Array<PublishedMonthRow & { feedSeq: bigint }>> {
    const rows = await this.prisma.publishedMonth.findMany({
      where: { feedSeq: { gt: after }, regionCode: { startsWith: regionPrefix } },
      orderBy: { feedSeq: 'asc' },
      take: limit,
      select: { month: true, regionCode: true, version: true, publishedAt: true, figures: true, feedSeq: true },
    });
    return rows.map((r) => ({ ...r, figures: r.figures as unknown as MonthlyStats }));
  }
}
