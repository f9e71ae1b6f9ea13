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

/**
 * The hire, decided by the database in one transaction: the worker's row is locked (no two
 * overlapping hires), then a conditional increment takes a slot only while filled < headcount.
 */
export async function acceptOffer(prisma: PrismaClient, workerId: string, offerId: string, now: Date): Promise<AcceptResult> {
  return prisma.$transaction(async (tx) => {
    const offer = await tx.offer.findUnique({ where: { id: offerId }, include: { shift: true } });
    if (!offer) throw new AppError('NOT_FOUND');
    if (offer.workerId !== workerId) throw new AppError('FORBIDDEN');
    if (offer.status === 'accepted') return alreadyAccepted(tx, offer.id, offer.shiftId);
    if (offer.status === 'withdrawn') throw new AppError(WITHDRAWN_OFFER[offer.closedReason ?? ''] ?? 'OFFER_WITHDRAWN');
    if (offer.status !== 'open') throw new AppError(CLOSED_OFFER[offer.status] ?? 'OFFER_CLOSED');
    if (offer.expiresAt <= now) throw new AppError('OFFER_EXPIRED');

    await tx.$queryRaw`SELECT id FROM "WorkerProfile" WHERE id = ${workerId} FOR UPDATE`;
    const { shift } = offer;
    const clash = await tx.assignment.findFirst({
      where: { workerId, status: { in: ['hired', 'completed'] }, startsAt: { lt: shift.endsAt }, endsAt: { gt: shift.startsAt } },
      select: { id: true },
    });
    if (clash) throw new AppError('SCHEDULE_CONFLICT');

    const slot = await tx.$queryRaw<Array<{ filled: number; headcount: number }>>`
      UPDATE "Shift"
      SET filled = filled + 1,
          status = CASE WHEN filled + 1 >= headcount THEN 'filled'::"ShiftStatus" ELSE status END,
          "closedReason" = CASE WHEN filled + 1 >= headcount THEN 'filled' ELSE "closedReason" END,
          "updatedAt" = ${now}
      WHERE id = ${shift.id} AND status = 'open' AND filled < headcount
      RETURNING filled, headcount`;
    if (!slot.length) throw await shiftNotOpen(tx, shift.id);

    const taken = await tx.offer.updateMany({
      where: { id: offerId, status: 'open' },
      data: { status: 'accepted', respondedAt: now },
    });
    if (taken.count !== 1) throw new AppError('OFFER_WITHDRAWN');

    const assignment = await tx.assignment.create({
      data: {
        id: randomUUID(),
        shiftId: shift.id,
        workerId,
        offerId,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
        wageAmount: shift.wageAmount,
        wageUnit: shift.wageUnit,
      },
      select: { id: true, shiftId: true },
    });
    return { assignment, shiftFilled: slot[0].filled >= slot[0].headcount, alreadyAccepted: false };
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
