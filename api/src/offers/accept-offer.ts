import { randomUUID } from 'node:crypto';
import type { ErrorCode, ShiftCloseReason } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { PrismaClient, TX_OPTIONS, type Prisma } from '../database/prisma.js';
import { overlapsSql } from './overlap.sql.js';

export interface AcceptResult {
  assignment: { id: string; shiftId: string };
  shiftFilled: boolean;
  alreadyAccepted: boolean;
}

/** A hire made for a walk-in (protocol Part 2): by staff at the window, or by the worker's SMS reply. */
export interface AssistedHire {
  by: string | null;
  via: 'staff' | 'sms';
}

export interface AcceptRequest {
  workerId: string;
  offerId: string;
  assisted?: AssistedHire;
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
  const firstOf = new Map<string, number>();
  const repeats: number[] = [];
  requests.forEach((request, i) => {
    if (firstOf.has(request.offerId)) return void repeats.push(i);
    firstOf.set(request.offerId, i);
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
  for (const i of repeats) outcomes[i] = repeated(outcomes[firstOf.get(requests[i].offerId)!]);
  return outcomes;
}

/** A second tap on the same offer in one batch gets the first one's answer, as a retry would. */
function repeated(first: AcceptOutcome): AcceptOutcome {
  return first.ok ? { ok: true, result: { ...first.result, shiftFilled: false, alreadyAccepted: true } } : first;
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

interface HireDecision {
  busy: string[];
  /** Null when the shift was not open or nobody was eligible. */
  taken: number | null;
  filled: number | null;
  headcount: number | null;
  hired: Array<{ id: string; offerId: string }>;
}

/**
 * One shift's open offers in this batch, decided in one statement: schedule clashes out, then as many slots
 * as are left to the first comers, their offers accepted and their hires inserted. The workers' rows were
 * locked by the batch's first statement, so the clash check sees every hire committed before the lock.
 */
async function hire(
  tx: Prisma.TransactionClient,
  shiftId: string,
  indexes: number[],
  requests: AcceptRequest[],
  shift: Pick<OfferToAccept, 'startsAt' | 'endsAt'>,
  outcomes: AcceptOutcome[],
  now: Date,
): Promise<void> {
  const offerIds = indexes.map((i) => requests[i].offerId);
  const workerIds = indexes.map((i) => requests[i].workerId);
  const assistedBy = indexes.map((i) => requests[i].assisted?.by ?? null);
  const assistedVia = indexes.map((i) => requests[i].assisted?.via ?? null);
  const [decision] = await tx.$queryRaw<HireDecision[]>`
    WITH req AS (
      SELECT * FROM unnest(${offerIds}::text[], ${workerIds}::text[], ${indexes.map(() => randomUUID())}::text[],
          ${assistedBy}::text[], ${assistedVia}::text[])
        WITH ORDINALITY AS r(offer_id, worker_id, assignment_id, assisted_by, assisted_via, arrived)
    ), busy AS (
      SELECT DISTINCT "workerId" FROM "Assignment"
      WHERE "workerId" = ANY(${workerIds}::text[]) AND status IN ('hired', 'completed')
        AND ${overlapsSql('"Assignment"', shift.startsAt, shift.endsAt)}
    ), eligible AS (
      SELECT req.*, row_number() OVER (ORDER BY arrived) AS place FROM req WHERE worker_id NOT IN (SELECT "workerId" FROM busy)
    ), wanted AS (
      SELECT count(*)::int AS n FROM eligible
    ), current AS (
      SELECT filled, headcount FROM "Shift" WHERE id = ${shiftId} AND status = 'open' FOR UPDATE
    ), slots AS (
      UPDATE "Shift" t
      SET filled = current.filled + LEAST(wanted.n, current.headcount - current.filled),
          status = CASE WHEN current.filled + wanted.n >= current.headcount THEN 'filled'::"ShiftStatus" ELSE t.status END,
          "closedReason" = CASE WHEN current.filled + wanted.n >= current.headcount THEN 'filled' ELSE t."closedReason" END,
          "updatedAt" = ${now}
      FROM current, wanted
      WHERE t.id = ${shiftId} AND wanted.n > 0 AND current.filled < current.headcount
      RETURNING LEAST(wanted.n, current.headcount - current.filled)::int AS taken, t.filled, t.headcount,
        t."startsAt", t."endsAt", t."wageAmount", t."wageUnit"
    ), accepted AS (
      UPDATE "Offer" o SET status = 'accepted', "respondedAt" = ${now}
      FROM eligible, slots
      WHERE eligible.place <= slots.taken AND o.id = eligible.offer_id AND o.status = 'open'
      RETURNING o.id, o."workerId", eligible.assignment_id, eligible.assisted_by, eligible.assisted_via
    ), hired AS (
      INSERT INTO "Assignment" (id, "shiftId", "workerId", "offerId", "startsAt", "endsAt", "wageAmount", "wageUnit", "createdAt", "updatedAt",
        "assistedBy", "assistedVia")
      SELECT accepted.assignment_id, ${shiftId}, accepted."workerId", accepted.id, slots."startsAt", slots."endsAt", slots."wageAmount",
        slots."wageUnit", ${now}, ${now}, accepted.assisted_by, accepted.assisted_via
      FROM accepted, slots
      RETURNING id, "offerId"
    )
    SELECT ARRAY(SELECT "workerId" FROM busy) AS busy,
      (SELECT taken FROM slots), (SELECT filled FROM slots), (SELECT headcount FROM slots),
      (SELECT coalesce(json_agg(json_build_object('id', id, 'offerId', "offerId")), '[]'::json) FROM hired) AS hired`;
  const busy = new Set(decision.busy);
  const eligible = indexes.filter((i) => !busy.has(requests[i].workerId));
  for (const i of indexes) if (busy.has(requests[i].workerId)) outcomes[i] = refused('SCHEDULE_CONFLICT');
  if (!eligible.length) return;

  const taken = decision.taken ?? 0;
  const winners = eligible.slice(0, taken);
  if (taken < eligible.length) {
    const code = decision.taken !== null ? 'SHIFT_FILLED' : await shiftNotOpen(tx, shiftId);
    for (const i of eligible.slice(taken)) outcomes[i] = refused(code);
  }
  if (!winners.length) return;
  if (decision.hired.length !== winners.length) throw new OfferMoved();
  const byOffer = new Map(decision.hired.map((h) => [h.offerId, h.id]));
  // The hire that took the last slot is the one that closes the shift: exactly one, even in a batch.
  const filledNow = decision.filled! >= decision.headcount!;
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
