import type { OfferPayload, PresenceStatus, ScopeRole, ShiftCloseReason } from '@linggong/protocol';
import type { ShiftRow } from '../common/shift-row.js';

export interface WithdrawnOffer {
  offerId: string;
  workerId: string;
  shiftId: string;
}

/**
 * What happened in the domain, published after the change committed. The notifiers (boards, workers,
 * employers) turn these into socket events; dispatch reacts to the ones that may want a wave or end one.
 */
export interface DomainEventMap {
  /**
   * `shift` when the publisher has the row at hand: a shift just created, whose first wave dispatch starts
   * from it (and boards need not read it back). A filled shift reopened by a cancelled hire comes without
   * it; its wave follows `assignment.cancelled`.
   */
  'shift.opened': { shiftId: string; shift?: ShiftRow };
  'shift.changed': { shiftId: string };
  /** The employer cancelled the shift (committed); dispatch withdraws its offers, then `shift.closed`. */
  'shift.cancelled': { shiftId: string };
  /** A race filled the shift and is over; dispatch withdraws its other offers, then `shift.closed`. */
  'shift.filled': { shiftId: string };
  'shift.closed': { shiftId: string; reason: ShiftCloseReason };
  'offers.sent': { shiftId: string; slotsLeft: number; offers: Array<{ workerId: string; payload: OfferPayload }> };
  'offers.withdrawn': { offers: WithdrawnOffer[]; reason: ShiftCloseReason };
  /** Offers that lapsed unanswered (also told as `offers.withdrawn`); their shifts may want the next wave. */
  'offers.expired': { offers: WithdrawnOffer[] };
  'offer.declined': { offerId: string; workerId: string; shiftId: string };
  /**
   * `byWorker`: the worker cancelled it (their own phone has the answer: it is not pushed back to them);
   * `reopened`: the slot is open again, so the shift wants another wave.
   */
  'assignment.cancelled': { assignmentId: string; shiftId: string; workerId: string; reason: string; byWorker?: boolean; reopened?: boolean };
  'presence.changed': { workerId: string; status: PresenceStatus };
  /** A worker newly waiting (or moved): open shifts of their trades may want to offer them work. */
  'worker.waiting': { workerId: string; trades: string[] };
  'market.changed': { marketId: string; actorId: string | null };
  'people.changed': { accountId: string; role: ScopeRole; actorId: string | null };
  'walkin.registered': { marketId: string; workerId: string; ticket: string; actorId: string | null };
  'walkin.changed': { marketId: string; workerId: string; actorId: string | null };
  // Staff side (protocol Part 2). Each carries its market and who did it (`actorId`, null for the system).
  'case.opened': CaseEventPayload;
  'case.taken': CaseEventPayload;
  'case.handed_over': CaseEventPayload;
  'case.noted': CaseEventPayload;
  'case.outcome': CaseEventPayload;
  'case.closed': CaseEventPayload;
  /** Published once per case, by the escalation check that first finds it past its due time. */
  'case.overdue': CaseEventPayload;
  'assignment.hired': { assignmentId: string; shiftId: string; workerId: string; marketId: string | null; assistedBy: string | null };
  /** A dispute opened through POST /api/assignments/:id/dispute: the cases module makes it a case. */
  'dispute.opened': { disputeId: string; assignmentId: string; openedBy: string };
  /** A month's figures were published for a region (version 1, 2, ... of that month and region). */
  'figures.published': { month: string; regionCode: string; version: number; actorId: string | null };
  /** An officer or admin evaluated a region's markets for a period; one entry per market. */
  'evaluation.completed': {
    regionCode: string;
    period: string;
    actorId: string;
    results: Array<{ marketId: string; grade: string; exitFlag: boolean }>;
  };
  'training.published': { trainingId: string; marketId: string | null; regionCode: string; actorId: string | null };
  // Public services at a market (issue #17): guidance sessions, tools and lockers.
  'guidance.booked': { bookingId: string; slotId: string; marketId: string; workerId: string; actorId: string | null };
  /** Staff recorded the session's outcome, or (actorId null) the sweep found a no-show; `freed`: a place came free. */
  'guidance.outcome': {
    bookingId: string;
    slotId: string;
    marketId: string;
    workerId: string;
    actorId: string | null;
    attended: boolean;
    referredTo?: string;
    freed: boolean;
  };
  'loan.lent': LoanEventPayload;
  'loan.returned': LoanEventPayload & { depositRefunded?: boolean };
  /** Published once per loan, by the check that first finds it past its due time. */
  'loan.overdue': LoanEventPayload;
  /** A seat taken: the boards showing the training update its seats left. */
  'training.signed_up': { trainingId: string; marketId: string | null; workerId: string };
}

export interface LoanEventPayload {
  loanId: string;
  marketId: string;
  workerId: string;
  actorId: string | null;
}

export interface CaseEventPayload {
  caseId: string;
  marketId: string;
  kind: string;
  actorId: string | null;
  toAccountId?: string;
  outcome?: string;
  note?: string;
}

export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (payload: DomainEventMap[K]) => void | Promise<void>;

/** An in-process, typed publish/subscribe; handlers run after the publisher's transaction committed. */
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Handler<never>[]>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (error: unknown, event: DomainEventName) => void) {}

  on<K extends DomainEventName>(name: K, handler: Handler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    for (const handler of this.handlers.get(name) ?? []) void this.start(name, handler as Handler<K>, payload);
  }

  /**
   * Like `publish`, and resolves once this event's handlers have finished: for an answer that must show
   * their effect (a cancelled shift's response shows its offers withdrawn). A failing handler is reported
   * as in `publish`, not thrown to the publisher.
   */
  async publishAndWait<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await Promise.all((this.handlers.get(name) ?? []).map((handler) => this.start(name, handler as Handler<K>, payload)));
  }

  /** Runs a handler on the next microtask (after the publisher's own code), tracked until it settles. */
  private start<K extends DomainEventName>(name: K, handler: Handler<K>, payload: DomainEventMap[K]): Promise<unknown> {
    const run = Promise.resolve()
      .then(() => handler(payload))
      .catch((error: unknown) => this.onError(error, name));
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return run;
  }

  /** Resolves when every handler started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
