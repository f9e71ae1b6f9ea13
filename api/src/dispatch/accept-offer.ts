import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { PrismaClient, TX_OPTIONS, type Prisma } from '../database/prisma.js';

export interface AcceptResult {
  assignment: { id: string; shiftId: string };
  shiftFilled: boolean;
  alreadyAccepted: boolean;
}

const CLOSED_OFFER: Record<string, ErrorCode> = {
  declined: 'OFFER_CLOSED',
  expired: 'OFFER_EXPIRED',
};
const WITHDRAWN_OFFER: Record<string, ErrorCode> = {
  filled: 'SHIFT_FILLED',
  cancelled: 'SHIFT_CANCELLED',
  expired: 'SHIFT_EXPIRED',
};
const SHIFT_NOT_OPEN: Record<string, ErrorCode> = {
  filled: 'SHIFT_FILLED',
  cancelled: 'SHIFT_CANCELLED',
  expired: 'SHIFT_EXPIRED',
};

interface OfferToAccept {
  workerId: string;
  status: string;
  closedReason: string | null;
  expiresAt: Date;
  shiftId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The hire, decided by the database in one transaction: the offer's worker row is locked (no two
 * overlapping hires), then a conditional increment takes a slot only while filled < headcount.
 * Plain SQL on purpose: this is the race's hot path, and each statement is one round trip.
 */
export async function acceptOffer(prisma: PrismaClient, workerId: string, offerId: string, now: Date): Promise<AcceptResult> {
  return prisma.$transaction(async (tx) => {
    const [offer] = await tx.$queryRaw<OfferToAccept[]>`
      SELECT o."workerId", o.status::text AS status, o."closedReason", o."expiresAt", o."shiftId", s."startsAt", s."endsAt"
      FROM "Offer" o
      JOIN "Shift" s ON s.id = o."shiftId"
      JOIN "WorkerProfile" w ON w.id = o."workerId"
      WHERE o.id = ${offerId}
      FOR UPDATE OF w`;
    if (!offer) throw new AppError('NOT_FOUND');
    if (offer.workerId !== workerId) throw new AppError('FORBIDDEN');
    if (offer.status === 'accepted') return alreadyAccepted(tx, offerId, offer.shiftId);
    if (offer.status === 'withdrawn') throw new AppError(WITHDRAWN_OFFER[offer.closedReason ?? ''] ?? 'OFFER_WITHDRAWN');
    if (offer.status !== 'open') throw new AppError(CLOSED_OFFER[offer.status] ?? 'OFFER_CLOSED');
    if (offer.expiresAt <= now) throw new AppError('OFFER_EXPIRED');

    const clash = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM "Assignment"
      WHERE "workerId" = ${workerId} AND status IN ('hired', 'completed')
        AND "startsAt" < ${offer.endsAt} AND "endsAt" > ${offer.startsAt}
      LIMIT 1`;
    if (clash.length) throw new AppError('SCHEDULE_CONFLICT');

    const slot = await tx.$queryRaw<Array<{ filled: number; headcount: number }>>`
      UPDATE "Shift"
      SET filled = filled + 1,
          status = CASE WHEN filled + 1 >= headcount THEN 'filled'::"ShiftStatus" ELSE status END,
          "closedReason" = CASE WHEN filled + 1 >= headcount THEN 'filled' ELSE "closedReason" END,
          "updatedAt" = ${now}
      WHERE id = ${offer.shiftId} AND status = 'open' AND filled < headcount
      RETURNING filled, headcount`;
    if (!slot.length) throw await shiftNotOpen(tx, offer.shiftId);

    const hired = await tx.$queryRaw<Array<{ id: string }>>`
      WITH taken AS (
        UPDATE "Offer" SET status = 'accepted', "respondedAt" = ${now}
        WHERE id = ${offerId} AND status = 'open'
        RETURNING id
      )
      INSERT INTO "Assignment" (id, "shiftId", "workerId", "offerId", "startsAt", "endsAt", "wageAmount", "wageUnit", "createdAt", "updatedAt")
      SELECT ${randomUUID()}, s.id, ${workerId}, taken.id, s."startsAt", s."endsAt", s."wageAmount", s."wageUnit", ${now}, ${now}
      FROM taken JOIN "Shift" s ON s.id = ${offer.shiftId}
      RETURNING id`;
    if (hired.length !== 1) throw new AppError('OFFER_WITHDRAWN');
    return {
      assignment: { id: hired[0].id, shiftId: offer.shiftId },
      shiftFilled: slot[0].filled >= slot[0].headcount,
      alreadyAccepted: false,
    };
  }, TX_OPTIONS);
}

async function alreadyAccepted(tx: Prisma.TransactionClient, offerId: string, shiftId: string): Promise<AcceptResult> {
  const assignment = await tx.assignment.findUnique({ where: { offerId }, select: { id: true, shiftId: true } });
  if (!assignment) throw new AppError('OFFER_CLOSED');
  return { assignment: { id: assignment.id, shiftId }, shiftFilled: false, alreadyAccepted: true };
}

async function shiftNotOpen(tx: Prisma.TransactionClient, shiftId: string): Promise<AppError> {
  const current = await tx.shift.findUnique({ where: { id: shiftId }, select: { status: true } });
  return new AppError(SHIFT_NOT_OPEN[current?.status ?? ''] ?? 'SHIFT_NOT_OPEN');
}
