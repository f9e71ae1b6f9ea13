import type { ErrorCode, ShiftCloseReason } from '@linggong/protocol';
import { AppError } from '../common/errors.js';

const CLOSED_CODE: Record<ShiftCloseReason, ErrorCode> = {
  filled: 'SHIFT_FILLED',
  cancelled: 'SHIFT_CANCELLED',
  expired: 'SHIFT_EXPIRED',
};
const SHIFT_CLOSED_CODES = new Set<ErrorCode>(Object.values(CLOSED_CODE));

interface KnownOffer {
  shiftId: string;
  workerId: string;
  expiresAt: number;
}

interface ShiftGate {
  slotsLeft: number;
  inFlight: number;
  queue: Array<() => void>;
  offerIds: Set<string>;
  closed?: ErrorCode;
}

/**
 * Admission to the hire transaction, per shift, in this process. At most as many accepts run as the
 * shift has slots left; the others wait in arrival order, and once the shift is known to be closed they
 * are answered at once instead of each queueing a transaction that cannot win (a 1,000-worker race
 * becomes ten transactions). The database still decides every hire; another instance's gate knows
 * nothing of this one, and an offer the gate has not seen goes straight to the database.
 */
export class AcceptGate {
  private readonly offers = new Map<string, KnownOffer>();
  private readonly shifts = new Map<string, ShiftGate>();

  constructor(private readonly forgetClosedAfterMs: number) {}

  /** This instance sent offers for a shift with `slotsLeft` open slots. */
  offered(shiftId: string, slotsLeft: number, offers: Array<{ offerId: string; workerId: string; expiresAt: string }>): void {
    let gate = this.shifts.get(shiftId);
    if (!gate || gate.closed) {
      if (gate) this.forget(shiftId);
      gate = { slotsLeft, inFlight: 0, queue: [], offerIds: new Set() };
      this.shifts.set(shiftId, gate);
    }
    gate.slotsLeft = slotsLeft;
    for (const o of offers) {
      this.offers.set(o.offerId, { shiftId, workerId: o.workerId, expiresAt: Date.parse(o.expiresAt) });
      gate.offerIds.add(o.offerId);
    }
  }

  /** The offer was answered or lapsed: its later accepts are the database's to judge. */
  offerClosed(offerId: string): void {
    const known = this.offers.get(offerId);
    if (!known) return;
    this.offers.delete(offerId);
    this.shifts.get(known.shiftId)?.offerIds.delete(offerId);
  }

  shiftClosed(shiftId: string, reason: ShiftCloseReason): void {
    const gate = this.shifts.get(shiftId);
    if (gate) this.close(shiftId, gate, CLOSED_CODE[reason]);
  }

  async admit<T extends { shiftFilled: boolean; alreadyAccepted: boolean }>(
    workerId: string,
    offerId: string,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const known = this.offers.get(offerId);
    const gate = known && known.workerId === workerId && known.expiresAt > Date.now() ? this.shifts.get(known.shiftId) : undefined;
    if (!known || !gate) return attempt();
    while (!gate.closed && gate.inFlight >= Math.max(1, gate.slotsLeft)) await new Promise<void>((wake) => gate.queue.push(wake));
    if (gate.closed) throw new AppError(gate.closed);
    gate.inFlight++;
    try {
      const result = await attempt();
      this.offerClosed(offerId);
      if (!result.alreadyAccepted) gate.slotsLeft--;
      if (result.shiftFilled) this.close(known.shiftId, gate, 'SHIFT_FILLED');
      return result;
    } catch (error) {
      if (error instanceof AppError && SHIFT_CLOSED_CODES.has(error.code)) this.close(known.shiftId, gate, error.code);
      throw error;
    } finally {
      gate.inFlight--;
      this.wakeNext(gate);
    }
  }

  /** How many shifts and offers the gate remembers (for tests and health figures). */
  get size(): { shifts: number; offers: number } {
    return { shifts: this.shifts.size, offers: this.offers.size };
  }

  private close(shiftId: string, gate: ShiftGate, code: ErrorCode): void {
    if (gate.closed) return;
    gate.closed = code;
    for (const wake of gate.queue.splice(0)) wake();
    setTimeout(() => {
      if (this.shifts.get(shiftId) === gate) this.forget(shiftId);
    }, this.forgetClosedAfterMs).unref();
  }

  private wakeNext(gate: ShiftGate): void {
    if (gate.closed) for (const wake of gate.queue.splice(0)) wake();
    else gate.queue.shift()?.();
  }

  private forget(shiftId: string): void {
    const gate = this.shifts.get(shiftId);
    if (!gate) return;
    for (const id of gate.offerIds) this.offers.delete(id);
    this.shifts.delete(shiftId);
  }
}
