import type { OfferPayload, PresenceStatus, ShiftCloseReason } from '@linggong/protocol';
import type { ShiftRow } from '../shifts/shift.mapper.js';

export interface WithdrawnOffer {
  offerId: string;
  workerId: string;
  shiftId: string;
}

/** What happened in the domain; the realtime notifier turns these into socket events after commit. */
export interface DomainEventMap {
  /** `shift` when the publisher has the row at hand (a shift just created): boards need not read it back. */
  'shift.opened': { shiftId: string; shift?: ShiftRow };
  'shift.changed': { shiftId: string };
  'shift.closed': { shiftId: string; reason: ShiftCloseReason };
  'offers.sent': { shiftId: string; slotsLeft: number; offers: Array<{ workerId: string; payload: OfferPayload }> };
  'offers.withdrawn': { offers: WithdrawnOffer[]; reason: ShiftCloseReason };
  'assignment.cancelled': { assignmentId: string; shiftId: string; workerId: string; reason: string };
  'presence.changed': { workerId: string; status: PresenceStatus };
  // Staff side (protocol Part 2). Each carries its market and who did it (`actorId`, null for the system).
  'walkin.registered': { marketId: string; workerId: string; ticket: string; actorId: string | null };
  'walkin.changed': { marketId: string; workerId: string; actorId: string | null };
  'case.opened': CaseEventPayload;
  'case.taken': CaseEventPayload;
  'case.handed_over': CaseEventPayload;
  'case.noted': CaseEventPayload;
  'case.outcome': CaseEventPayload;
  'case.closed': CaseEventPayload;
  /** Published once per case, by the escalation check that first finds it past its due time. */
  'case.overdue': CaseEventPayload;
  'market.changed': { marketId: string; actorId: string | null };
  'people.changed': { accountId: string; role: string; actorId: string | null };
  'assignment.hired': { assignmentId: string; shiftId: string; workerId: string; marketId: string | null; assistedBy: string | null };
  /** A dispute opened through POST /api/assignments/:id/dispute: the cases module makes it a case. */
  'dispute.opened': { disputeId: string; assignmentId: string; openedBy: string };
  'training.published': { trainingId: string; marketId: string | null; regionCode: string; actorId: string | null };
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
    for (const handler of this.handlers.get(name) ?? []) {
      const run = Promise.resolve()
        .then(() => (handler as Handler<K>)(payload))
        .catch((error: unknown) => this.onError(error, name));
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }
  }

  /** Resolves when every handler started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}
