import { Injectable } from '@nestjs/common';
import type { OfferReason, ShiftCloseReason } from '@linggong/protocol';
import { SHIFT_WITH_EMPLOYER } from '../common/shift-row.js';
import { Prisma, PrismaClient } from '../database/prisma.js';
import type { WithdrawnOffer } from '../events/domain-events.js';
import { overlapsSql } from './overlap.sql.js';

export interface NewOffer {
  id: string;
  workerId: string;
  distanceKm: number;
  score: number;
  reasons: { text: string[]; details: OfferReason[] };
}

export interface NewWave {
  shiftId: string;
  /** The wave the shift is at; the claim moves it to the next. */
  fromWave: number;
  radiusKm: number;
  expiresAt: Date;
  offers: NewOffer[];
}

/**
 * Offers in PostgreSQL: the truth about who was asked, and when it lapses. The only code that reads or
 * writes the Offer table, besides the accept statement (accept-offer.ts).
 */
@Injectable()
export class OffersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The market a shift was posted at (hires are logged there), or null. */
  async marketOfShift(shiftId: string): Promise<string | null> {
    const shift = await this.prisma.shift.findUnique({ where: { id: shiftId }, select: { marketId: true } });
    return shift?.marketId ?? null;
  }

  // Walk-ins' offers, as the staff at a market's window see and answer them.

  async openOfferCounts(workerIds: string[], now: Date): Promise<Map<string, number>> {
    if (!workerIds.length) return new Map();
    const rows = await this.prisma.offer.groupBy({
      by: ['workerId'],
      where: { workerId: { in: workerIds }, status: 'open', expiresAt: { gt: now } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.workerId, r._count._all]));
  }

  /** Open offers for the walk-ins of these markets, with their shifts: a console's (re)load. */
  openOffersAt(marketIds: string[], now: Date) {
    return this.prisma.offer.findMany({
      where: { status: 'open', expiresAt: { gt: now }, worker: { assisted: true, homeMarketId: { in: marketIds } } },
      select: {
        id: true,
        distanceKm: true,
        expiresAt: true,
        reasons: true,
        shift: { include: SHIFT_WITH_EMPLOYER },
        worker: { select: { id: true, name: true, assistedTicket: true, homeMarketId: true } },
      },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** The latest open offer of the walk-in with this phone (an SMS reply answers it). */
  latestOpenOfferByPhone(phone: string, now: Date) {
    return this.prisma.offer.findFirst({
      where: { status: 'open', expiresAt: { gt: now }, worker: { assisted: true, account: { phone } } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, workerId: true, shift: { select: { title: true } }, worker: { select: { homeMarketId: true } } },
    });
  }

  /** Whose offer this is, and whether that worker is a walk-in answered for at a market's window. */
  ownerOf(offerId: string) {
    return this.prisma.offer.findUnique({
      where: { id: offerId },
      select: { workerId: true, worker: { select: { assisted: true, homeMarketId: true } } },
    });
  }

  /** Everyone ever offered this shift, and how many of those offers are still open: one round trip. */
  async offeredSoFar(shiftId: string): Promise<{ workerIds: Set<string>; open: number }> {
    const rows = await this.prisma.offer.findMany({ where: { shiftId }, select: { workerId: true, status: true } });
    return { workerIds: new Set(rows.map((r) => r.workerId)), open: rows.filter((r) => r.status === 'open').length };
  }

  /** Workers who hold a hire, or an open offer of another shift, overlapping the given time: one round trip. */
  async busyWorkerIds(workerIds: string[], shiftId: string, startsAt: Date, endsAt: Date): Promise<Set<string>> {
    if (!workerIds.length) return new Set();
    const rows = await this.prisma.$queryRaw<Array<{ workerId: string }>>`
      SELECT a."workerId" FROM "Assignment" a
      WHERE a."workerId" = ANY(${workerIds}) AND a.status IN ('hired', 'completed')
        AND ${overlapsSql('a', startsAt, endsAt)}
      UNION
      SELECT o."workerId" FROM "Offer" o JOIN "Shift" s ON s.id = o."shiftId"
      WHERE o."workerId" = ANY(${workerIds}) AND o.status = 'open' AND o."shiftId" <> ${shiftId}
        AND ${overlapsSql('s', startsAt, endsAt)}`;
    return new Set(rows.map((r) => r.workerId));
  }

  /**
   * Claims the shift's next wave (a conditional update of its wave number, so two instances never send the
   * same wave) and stores the wave's offers in one statement: one round trip however many. The offers go
   * as one JSON document, parsed once; five text arrays cost a fifth more (array literals, each reason
   * parsed again as jsonb). No `ON CONFLICT`: a wave is chosen among workers not yet offered the shift,
   * read after the wave it claims, so a worker offered twice is a bug, and it fails the whole claim
   * loudly instead of being skipped (skipping cost 15% of a 1,000-offer insert).
   */
  async claimWave(wave: NewWave): Promise<boolean> {
    const { shiftId, fromWave, radiusKm, expiresAt, offers } = wave;
    const rows = offersJson(offers);
    const [row] = await this.prisma.$queryRaw<Array<{ claimed: number }>>`
      WITH claimed AS (
        UPDATE "Shift" SET wave = ${fromWave + 1}::int, "radiusKm" = ${radiusKm}::float8, "updatedAt" = ${new Date()}
        WHERE id = ${shiftId} AND wave = ${fromWave}::int AND status = 'open'
        RETURNING id
      ), inserted AS (
        INSERT INTO "Offer" (id, "shiftId", "workerId", wave, "distanceKm", score, reasons, "expiresAt")
        SELECT u.id, claimed.id, u.worker, ${fromWave + 1}::int, u.distance, u.score, u.reasons, ${expiresAt}
        FROM claimed, jsonb_to_recordset(${rows}::jsonb) AS u(id text, worker text, distance float8, score float8, reasons jsonb)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM claimed)::int AS claimed`;
    return row.claimed === 1;
  }

  /**
   * Stores more offers of a wave already claimed (a large wave goes a slice at a time), while the shift is
   * still open at that wave; returns how many were stored (0: the shift closed or moved on, send no more).
   */
  async addToWave(shiftId: string, wave: number, expiresAt: Date, offers: NewOffer[]): Promise<number> {
    const [row] = await this.prisma.$queryRaw<Array<{ stored: number }>>`
      WITH inserted AS (
        INSERT INTO "Offer" (id, "shiftId", "workerId", wave, "distanceKm", score, reasons, "expiresAt")
        SELECT u.id, s.id, u.worker, s.wave, u.distance, u.score, u.reasons, ${expiresAt}
        FROM "Shift" s, jsonb_to_recordset(${offersJson(offers)}::jsonb) AS u(id text, worker text, distance float8, score float8, reasons jsonb)
        WHERE s.id = ${shiftId} AND s.wave = ${wave}::int AND s.status = 'open'
        RETURNING 1
      )
      SELECT count(*)::int AS stored FROM inserted`;
    return row.stored;
  }

  /**
   * A worker's open offers with their shifts. Every connect asks, and most workers have none: the offers
   * alone are one query, and the shifts (Prisma's include is two more even for no rows) only when needed.
   */
  async openForWorker(workerId: string, now: Date) {
    const offers = await this.prisma.offer.findMany({
      where: { workerId, status: 'open', expiresAt: { gt: now } },
      select: { id: true, shiftId: true, distanceKm: true, expiresAt: true, reasons: true },
      orderBy: { createdAt: 'asc' },
    });
    if (!offers.length) return [];
    const shifts = await this.prisma.shift.findMany({
      where: { id: { in: [...new Set(offers.map((o) => o.shiftId))] } },
      include: SHIFT_WITH_EMPLOYER,
    });
    const byId = new Map(shifts.map((s) => [s.id, s]));
    return offers.map((o) => ({ ...o, shift: byId.get(o.shiftId)! }));
  }

  /** Marks every open offer past its deadline expired; returns what changed. */
  async expireDue(now: Date): Promise<WithdrawnOffer[]> {
    return this.prisma.$queryRaw<WithdrawnOffer[]>`
      UPDATE "Offer" SET status = 'expired', "closedReason" = 'expired', "respondedAt" = ${now}
      WHERE status = 'open' AND "expiresAt" <= ${now}
      RETURNING id AS "offerId", "workerId", "shiftId"`;
  }

  /** Withdraws up to `limit` of a shift's open offers; fewer back than `limit` means none are left. */
  async withdrawOpen(shiftId: string, reason: ShiftCloseReason, now: Date, limit: number): Promise<WithdrawnOffer[]> {
    return this.prisma.$queryRaw<WithdrawnOffer[]>`
      UPDATE "Offer" SET status = 'withdrawn', "closedReason" = ${reason}, "respondedAt" = ${now}
      WHERE id IN (SELECT id FROM "Offer" WHERE status = 'open' AND "shiftId" = ${shiftId} LIMIT ${limit})
        AND status = 'open'
      RETURNING id AS "offerId", "workerId", "shiftId"`;
  }

  nextDeadline(): Promise<{ expiresAt: Date } | null> {
    return this.prisma.offer.findFirst({
      where: { status: 'open' },
      orderBy: { expiresAt: 'asc' },
      select: { expiresAt: true },
    });
  }

  /** How many offers a shift has had, and how many are still open: the employer's view shows both. */
  async countsFor(shiftId: string): Promise<{ offersOpen: number; offersSent: number }> {
    const [offersOpen, offersSent] = await Promise.all([
      this.prisma.offer.count({ where: { shiftId, status: 'open' } }),
      this.prisma.offer.count({ where: { shiftId } }),
    ]);
    return { offersOpen, offersSent };
  }

  find(offerId: string) {
    return this.prisma.offer.findUnique({ where: { id: offerId }, select: { workerId: true, shiftId: true, status: true } });
  }

  /** Declines an offer still open; false when it was no longer open. */
  async decline(offerId: string, now: Date): Promise<boolean> {
    const { count } = await this.prisma.offer.updateMany({
      where: { id: offerId, status: 'open' },
      data: { status: 'declined', closedReason: 'declined', respondedAt: now },
    });
    return count === 1;
  }

  /**
   * Shifts closed before `closedBefore` that still have open offers: whoever closed them stopped before
   * withdrawing. Found from the open offers (few), not the closed shifts (every shift ever).
   */
  closedShiftsWithOpenOffers(closedBefore: Date, limit: number): Promise<Array<{ id: string; reason: ShiftCloseReason }>> {
    return this.prisma.$queryRaw<Array<{ id: string; reason: ShiftCloseReason }>>`
      SELECT DISTINCT s.id, CASE s.status WHEN 'cancelled' THEN 'cancelled' WHEN 'expired' THEN 'expired' ELSE 'filled' END AS reason
      FROM "Offer" o JOIN "Shift" s ON s.id = o."shiftId"
      WHERE o.status = 'open' AND s.status <> 'open' AND s."updatedAt" < ${closedBefore}
      LIMIT ${limit}`;
  }

  /** Open shifts with fewer open offers than remaining slots × fan-out: they want another wave. */
  shiftsWantingOffers(fanout: number, trades?: string[]): Promise<Array<{ id: string }>> {
    const tradeFilter = trades ? Prisma.sql`AND s.trade = ANY(${trades})` : Prisma.empty;
    return this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT s.id FROM "Shift" s
      LEFT JOIN "Offer" o ON o."shiftId" = s.id AND o.status = 'open'
      WHERE s.status = 'open' ${tradeFilter}
      GROUP BY s.id
      HAVING count(o.id) < ceil((s.headcount - s.filled) * ${fanout}::float)`;
  }
}

/** A wave's offers as one JSON document, parsed once by the statement that stores them. */
function offersJson(offers: NewOffer[]): string {
  return JSON.stringify(offers.map((o) => ({ id: o.id, worker: o.workerId, distance: o.distanceKm, score: o.score, reasons: o.reasons })));
}
