import type { ErrorCode, ShiftCloseReason } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { SHIFT_CLOSED_CODE, type AcceptOutcome, type AcceptRequest, type AcceptResult, type AssistedHire } from './accept-offer.js';

const SHIFT_CLOSED_CODES = new Set<ErrorCode>(Object.values(SHIFT_CLOSED_CODE));
/** A batch holds at most this many accepts (each locks a worker row for the transaction). */
const MAX_BATCH = 100;

export type Hire = (requests: AcceptRequest[]) => Promise<AcceptOutcome[]>;

interface KnownOffer {
  shiftId: string;
  workerId: string;
  expiresAt: number;
}

interface Waiting {
  request: AcceptRequest;
  resolve: (result: AcceptResult) => void;
  reject: (error: unknown) => void;
}

interface ShiftGate {
  slotsLeft: number;
  queue: Waiting[];
  deciding: boolean;
  scheduled: boolean;
  offerIds: Set<string>;
  /** The answer to every accept once the shift is closed: one error, not one per racer. */
  closed?: AppError;
  /** When the last accept for the shift reached the gate (ms). */
  lastAcceptAt: number;
}

/**
 * The door to the hire transaction, per shift, in this process. Accepts for a shift this instance offered
 * queue in arrival order and go to the database together: one transaction decides a batch of up to twice
 * the slots left, first comers first; once the shift is known to be closed the rest are answered at once.
 * A 1,000-worker race becomes one or two transactions instead of a thousand. The database still decides
 * every hire (another instance's gate knows nothing of this one); an offer the gate has not seen, is past
 * its deadline or is someone else's goes to the database alone.
 */
export class AcceptGate {
  private readonly offers = new Map<string, KnownOffer>();
  private readonly shifts = new Map<string, ShiftGate>();

  constructor(
    private readonly hire: Hire,
    private readonly forgetClosedAfterMs: number,
  ) {}

  /** This instance sent offers for a shift with `slotsLeft` open slots. */
  offered(shiftId: string, slotsLeft: number, offers: Array<{ offerId: string; workerId: string; expiresAt: string }>): void {
    let gate = this.shifts.get(shiftId);
    if (!gate || gate.closed) {
      if (gate) this.forget(shiftId);
      gate = { slotsLeft, queue: [], deciding: false, scheduled: false, offerIds: new Set(), lastAcceptAt: 0 };
      this.shifts.set(shiftId, gate);
    }
    gate.slotsLeft = slotsLeft;
    for (const o of offers) {
      this.offers.set(o.offerId, { shiftId, workerId: o.workerId, expiresAt: Date.parse(o.expiresAt) });
      gate.offerIds.add(o.offerId);
    }
  }

  /** The offer was answered: its later accepts are the database's to judge. */
  offerClosed(offerId: string): void {
    const known = this.offers.get(offerId);
    if (!known) return;
    this.offers.delete(offerId);
    this.shifts.get(known.shiftId)?.offerIds.delete(offerId);
  }

  shiftClosed(shiftId: string, reason: ShiftCloseReason): void {
    const gate = this.shifts.get(shiftId);
    if (gate) this.close(shiftId, gate, SHIFT_CLOSED_CODE[reason]);
  }

  /** `assisted`: staff (or the worker's SMS reply) accept for a walk-in; the hire records it. */
  async admit(workerId: string, offerId: string, assisted?: AssistedHire): Promise<AcceptResult> {
    const request: AcceptRequest = assisted ? { workerId, offerId, assisted } : { workerId, offerId };
    const known = this.offers.get(offerId);
    const gate = known && known.workerId === workerId && known.expiresAt > Date.now() ? this.shifts.get(known.shiftId) : undefined;
    if (!known || !gate) return unwrap((await this.hire([request]))[0]);
    gate.lastAcceptAt = Date.now();
    if (gate.closed) throw gate.closed;
    const result = new Promise<AcceptResult>((resolve, reject) => gate.queue.push({ request, resolve, reject }));
    if (gate.deciding) return result;
    // A full batch goes at once: in a rush the event loop reads every waiting socket before its next turn,
    // and a thousand accepts would wait for all of them. Otherwise accepts that arrived together go together.
    if (gate.queue.length >= batchSize(gate)) void this.decide(known.shiftId, gate);
    else if (!gate.scheduled) {
      gate.scheduled = true;
      setImmediate(() => void this.decide(known.shiftId, gate));
    }
    return result;
  }

  /**
   * Resolves once no accept for the shift has reached the gate for `quietMs`, or `maxMs` from now at
   * the latest: work that nobody is waiting on can wait for the end of a race.
   */
  async raceOver(shiftId: string, quietMs: number, maxMs: number): Promise<void> {
    const until = Date.now() + maxMs;
    for (;;) {
      // After the poll phase: accepts already waiting in the sockets are read before the gate is asked.
      await new Promise((resolve) => setImmediate(resolve));
      const now = Date.now();
      const quietFor = now - (this.shifts.get(shiftId)?.lastAcceptAt ?? 0);
      if (quietFor >= quietMs || now >= until) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs - quietFor, until - now)));
    }
  }

  /** How many shifts and offers the gate remembers (tests). */
  get size(): { shifts: number; offers: number } {
    return { shifts: this.shifts.size, offers: this.offers.size };
  }

  private async decide(shiftId: string, gate: ShiftGate): Promise<void> {
    gate.scheduled = false;
    if (gate.deciding) return;
    gate.deciding = true;
    try {
      while (gate.queue.length && !gate.closed) {
        const batch = gate.queue.splice(0, batchSize(gate));
        await this.settle(shiftId, gate, batch);
      }
    } finally {
      gate.deciding = false;
    }
  }

  private async settle(shiftId: string, gate: ShiftGate, batch: Waiting[]): Promise<void> {
    let outcomes: AcceptOutcome[];
    try {
      outcomes = await this.hire(batch.map((w) => w.request));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        this.offerClosed(w.request.offerId);
        if (!outcome.result.alreadyAccepted) gate.slotsLeft--;
        if (outcome.result.shiftFilled) this.close(shiftId, gate, 'SHIFT_FILLED');
        w.resolve(outcome.result);
      } else {
        if (SHIFT_CLOSED_CODES.has(outcome.error.code)) this.close(shiftId, gate, outcome.error.code);
        w.reject(outcome.error);
      }
    });
  }

  private close(shiftId: string, gate: ShiftGate, code: ErrorCode): void {
    if (gate.closed) return;
    gate.closed = new AppError(code);
    for (const w of gate.queue.splice(0)) w.reject(gate.closed);
    setTimeout(() => {
      if (this.shifts.get(shiftId) === gate) this.forget(shiftId);
    }, this.forgetClosedAfterMs).unref();
  }

  private forget(shiftId: string): void {
    const gate = this.shifts.get(shiftId);
    if (!gate) return;
    for (const id of gate.offerIds) this.offers.delete(id);
    this.shifts.delete(shiftId);
  }
}

/** Twice the slots left: enough winners if half are refused, few enough to answer the rest from memory. */
function batchSize(gate: ShiftGate): number {
  return Math.min(MAX_BATCH, 2 * Math.max(1, gate.slotsLeft));
}

function unwrap(outcome: AcceptOutcome): AcceptResult {
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}
