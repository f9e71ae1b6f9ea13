import { randomUUID } from 'node:crypto';
import type { ErrorCode, ShiftCloseReason } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { PrismaClient, TX_OPTIONS, type Prisma } from '../database/prisma.js';

export interface AcceptResult {
  assignment: { id: string; shiftId: string };
  shiftFilled: boolean;
  alreadyAccepted: boolean;
}

export interface AcceptRequest {
  workerId: string;
  offerId: string;
}

export type AcceptOutcome = { ok: true; result: AcceptResult } | { ok: false; error: AppError };

const CLOSED_OFFER: Record<string, ErrorCode> = {
  declined: 'OFFER_CLOSED',
  expired: 'OFFER_EXPIRED',
};
/** The answer to an accept on a shift closed for this reason. */
export const SHIFT_CLOSED_CODE: Record<ShiftCloseReason, ErrorCode> = {
  filled: 'SHIFT_FILLED',
  cancelled: 'SHIFT_CANCELLED',
  expired: 'SHIFT_EXPIRED',
};
const closedShiftCode = (reason: string | null | undefined): ErrorCode | undefined =>
  (SHIFT_CLOSED_CODE as Record<string, ErrorCode | undefined>)[reason ?? ''];
const ATTEMPTS = 3;

interface OfferToAccept {
  id: string;
  workerId: string;
  status: string;
  closedReason: string | null;
  expiresAt: Date;
  shiftId: string;
  startsAt: Date;
  endsAt: Date;
}

/** An offer changed under the batch (withdrawn or lapsed between read and write): roll back, read again. */
class OfferMoved extends Error {}

/**
 * Hires, decided by the database in one transaction for a batch of accepts (the accept gate sends
 * a shift's waiting accepts together; anything else comes alone). The offers' workers' rows are locked
 * (no two overlapping hires), then one conditional update takes as many slots as are left, for the
 * eligible accepts in the order they came. Plain SQL: this is the race's hot path.
 */
export async function acceptOffers(prisma: PrismaClient, requests: AcceptRequest[], now: Date): Promise<AcceptOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => decide(tx, requests, now), TX_OPTIONS);
    } catch (error) {
      if (!(error instanceof OfferMoved) || attempt === ATTEMPTS) throw error;
    }
  }
}

async function decide(tx: Prisma.TransactionClient, requests: AcceptRequest[], now: Date): Promise<AcceptOutcome[]> {
  const offers = await tx.$queryRaw<OfferToAccept[]>`
    SELECT o.id, o."workerId", o.status::text AS status, o."closedReason", o."expiresAt", o."shiftId", s."startsAt", s."endsAt"
    FROM "Offer" o
    JOIN "Shift" s ON s.id = o."shiftId"
    JOIN "WorkerProfile" w ON w.id = o."workerId"
    WHERE o.id = ANY(${requests.map((r) => r.offerId)})
    ORDER BY w.id
    FOR UPDATE OF w`;
  const byId = new Map(offers.map((o) => [o.id, o]));
  const outcomes: AcceptOutcome[] = [];
  const accepted: number[] = [];
  const open = new Map<string, number[]>();
  requests.forEach((request, i) => {
    const offer = byId.get(request.offerId);
    const code = offerProblem(offer, request.workerId, now);
    if (code) outcomes[i] = refused(code);
    else if (offer!.status === 'accepted') accepted.push(i);
    else {
      const sameShift = open.get(offer!.shiftId);
      if (sameShift) sameShift.push(i);
      else open.set(offer!.shiftId, [i]);
    }
  });
  await answerAlreadyAccepted(tx, requests, accepted, byId, outcomes);
  for (const [shiftId, indexes] of open) await hire(tx, shiftId, indexes, requests, byId.get(requests[indexes[0]].offerId)!, outcomes, now);
  return outcomes;
}

function offerProblem(offer: OfferToAccept | undefined, workerId: string, now: Date): ErrorCode | undefined {
  if (!offer) return 'NOT_FOUND';
  if (offer.workerId !== workerId) return 'FORBIDDEN';
  if (offer.status === 'accepted') return undefined;
  if (offer.status === 'withdrawn') return closedShiftCode(offer.closedReason) ?? 'OFFER_WITHDRAWN';
  if (offer.status !== 'open') return CLOSED_OFFER[offer.status] ?? 'OFFER_CLOSED';
  if (offer.expiresAt <= now) return 'OFFER_EXPIRED';
  return undefined;
}

/** A retry of an accept that already won gets its hire back. */
async function answerAlreadyAccepted(
  tx: Prisma.TransactionClient,
  requests: AcceptRequest[],
  indexes: number[],
  byId: Map<string, OfferToAccept>,
  outcomes: AcceptOutcome[],
): Promise<void> {
  if (!indexes.length) return;
  const rows = await tx.$queryRaw<Array<{ id: string; offerId: string }>>`
    SELECT id, "offerId" FROM "Assignment" WHERE "offerId" = ANY(${indexes.map((i) => requests[i].offerId)})`;
  const hires = new Map(rows.map((r) => [r.offerId, r.id]));
  for (const i of indexes) {
    const { offerId } = requests[i];
    const id = hires.get(offerId);
    outcomes[i] = id
      ? { ok: true, result: { assignment: { id, shiftId: byId.get(offerId)!.shiftId }, shiftFilled: false, alreadyAccepted: true } }
      : refused('OFFER_CLOSED');
  }
}

/** One shift's open offers in this batch: schedule clashes out, then slots to the first comers. */
async function hire(
  tx: Prisma.TransactionClient,
  shiftId: string,
  indexes: number[],
  requests: AcceptRequest[],
  shift: Pick<OfferToAccept, 'startsAt' | 'endsAt'>,
  outcomes: AcceptOutcome[],
  now: Date,
): Promise<void> {
  const clashes = await tx.$queryRaw<Array<{ workerId: string }>>`
    SELECT DISTINCT "workerId" FROM "Assignment"
    WHERE "workerId" = ANY(${indexes.map((i) => requests[i].workerId)}) AND status IN ('hired', 'completed')
      AND "startsAt" < ${shift.endsAt} AND "endsAt" > ${shift.startsAt}`;
  const busy = new Set(clashes.map((c) => c.workerId));
  const eligible = indexes.filter((i) => !busy.has(requests[i].workerId));
  for (const i of indexes) if (busy.has(requests[i].workerId)) outcomes[i] = refused('SCHEDULE_CONFLICT');
  if (!eligible.length) return;

  const [slots] = await tx.$queryRaw<Array<{ taken: number; filled: number; headcount: number }>>`
    WITH current AS (SELECT filled, headcount FROM "Shift" WHERE id = ${shiftId} AND status = 'open' FOR UPDATE)
    UPDATE "Shift" t
    SET filled = current.filled + LEAST(${eligible.length}::int, current.headcount - current.filled),
        status = CASE WHEN current.filled + ${eligible.length}::int >= current.headcount THEN 'filled'::"ShiftStatus" ELSE t.status END,
        "closedReason" = CASE WHEN current.filled + ${eligible.length}::int >= current.headcount THEN 'filled' ELSE t."closedReason" END,
        "updatedAt" = ${now}
    FROM current
    WHERE t.id = ${shiftId} AND current.filled < current.headcount
    RETURNING LEAST(${eligible.length}::int, current.headcount - current.filled)::int AS taken, t.filled, t.headcount`;
  const taken = slots?.taken ?? 0;
  const winners = eligible.slice(0, taken);
  if (taken < eligible.length) {
    const code = slots ? 'SHIFT_FILLED' : await shiftNotOpen(tx, shiftId);
    for (const i of eligible.slice(taken)) outcomes[i] = refused(code);
  }
  if (!winners.length) return;

  const assignmentIds = winners.map(() => randomUUID());
  const hired = await tx.$queryRaw<Array<{ id: string; offerId: string }>>`
    WITH req AS (
      SELECT * FROM unnest(${winners.map((i) => requests[i].offerId)}::text[], ${assignmentIds}::text[]) AS r(offer_id, assignment_id)
    ), taken AS (
      UPDATE "Offer" o SET status = 'accepted', "respondedAt" = ${now}
      FROM req WHERE o.id = req.offer_id AND o.status = 'open'
      RETURNING o.id, o."workerId", req.assignment_id
    )
    INSERT INTO "Assignment" (id, "shiftId", "workerId", "offerId", "startsAt", "endsAt", "wageAmount", "wageUnit", "createdAt", "updatedAt")
    SELECT taken.assignment_id, s.id, taken."workerId", taken.id, s."startsAt", s."endsAt", s."wageAmount", s."wageUnit", ${now}, ${now}
    FROM taken JOIN "Shift" s ON s.id = ${shiftId}
    RETURNING id, "offerId"`;
  if (hired.length !== winners.length) throw new OfferMoved();
  const byOffer = new Map(hired.map((h) => [h.offerId, h.id]));
  // The hire that took the last slot is the one that closes the shift: exactly one, even in a batch.
  const filledNow = slots.filled >= slots.headcount;
  winners.forEach((i, n) => {
    const assignment = { id: byOffer.get(requests[i].offerId)!, shiftId };
    outcomes[i] = { ok: true, result: { assignment, shiftFilled: filledNow && n === winners.length - 1, alreadyAccepted: false } };
  });
}

function refused(code: ErrorCode): AcceptOutcome {
  return { ok: false, error: new AppError(code) };
}

async function shiftNotOpen(tx: Prisma.TransactionClient, shiftId: string): Promise<ErrorCode> {
  const current = await tx.shift.findUnique({ where: { id: shiftId }, select: { status: true } });
  return closedShiftCode(current?.status) ?? 'SHIFT_NOT_OPEN';
}
