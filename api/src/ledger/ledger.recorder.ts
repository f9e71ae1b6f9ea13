import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainEvents, type CaseEventPayload, type DomainEventMap, type LoanEventPayload } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import type { ShiftRow } from '../common/shift-row.js';
import { ledgerActor, ledgerData } from './ledger-chain.js';
import { LedgerRepository, type LedgerDraft } from './ledger.repository.js';

/** A burst (a morning's hires) is written as a few transactions of up to this many entries, not one each. */
const BATCH = 200;
const RETRIES = 3;
/**
 * How long entries gather before a market's batch is written. The work log is read by people, minutes
 * later; the dispatch hot path is not: on the embedded database every statement runs on this thread, and
 * an append started a turn after `shift.opened` (a transaction of six round trips) sat between the new
 * shift's busy check and its wave claim, on the way to the first offer.
 */
const GATHER_MS = 50;

const CASE_TYPES = {
  'case.opened': 'case_opened',
  'case.taken': 'case_taken',
  'case.handed_over': 'case_handed_over',
  'case.noted': 'case_noted',
  'case.outcome': 'case_outcome',
  'case.closed': 'case_closed',
  'case.overdue': 'case_overdue',
} as const satisfies Partial<Record<keyof DomainEventMap, string>>;

const LOAN_TYPES = {
  'loan.lent': 'loan_lent',
  'loan.returned': 'loan_returned',
  'loan.overdue': 'loan_overdue',
} as const satisfies Partial<Record<keyof DomainEventMap, string>>;

/**
 * Turns domain events into work-log entries. Nothing calls the ledger: it listens, after the publishers'
 * commits, and writes off the request path. Entries queue per market; while one market's batch is being
 * written the next ones gather, so a burst of hires costs a few appends, not one each.
 */
@Injectable()
export class LedgerRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly pending = new Map<string, LedgerDraft[]>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly events: DomainEvents,
    private readonly markets: MarketsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onModuleInit(): void {
    const on = this.events.on.bind(this.events);
    on('shift.opened', async ({ shiftId, shift }) => {
      // A new posting carries its row; a filled shift opened again after a cancellation does not.
      const row = shift ?? (await this.ledger.shift(shiftId));
      if (!row) return;
      const marketId = await this.shiftMarket(row);
      if (marketId) this.record(marketId, shift ? 'shift_posted' : 'shift_reopened', row.employerId, shiftId, postingData(row));
    });
    on('assignment.hired', async ({ assignmentId, shiftId, workerId, marketId, assistedBy }) => {
      const row = marketId ? null : await this.ledger.shift(shiftId);
      const market = marketId ?? (row ? await this.shiftMarket(row) : null);
      if (!market) return;
      this.record(market, 'hire', assistedBy ?? workerId, assignmentId, { shiftId, workerId, assisted: !!assistedBy });
    });
    on('walkin.registered', ({ marketId, workerId, ticket, actorId }) =>
      this.record(marketId, 'walkin_registered', actorId, workerId, { ticket }),
    );
    on('walkin.changed', ({ marketId, workerId, actorId }) => this.record(marketId, 'walkin_changed', actorId, workerId, {}));
    on('market.changed', ({ marketId, actorId }) => this.record(marketId, 'market_changed', actorId, marketId, {}));
    on('training.published', ({ trainingId, marketId, regionCode, actorId }) => {
      if (marketId) this.record(marketId, 'training_published', actorId, trainingId, { regionCode });
    });
    on('evaluation.completed', ({ period, regionCode, actorId, results }) => {
      for (const r of results) this.record(r.marketId, 'market_evaluated', actorId, r.marketId, { period, regionCode, grade: r.grade, exitFlag: r.exitFlag });
    });
    on('guidance.booked', ({ bookingId, slotId, marketId, workerId, actorId }) =>
      this.record(marketId, 'guidance_booked', actorId, bookingId, { slotId, workerId }),
    );
    on('guidance.outcome', ({ bookingId, slotId, marketId, workerId, actorId, attended, referredTo, freed }) =>
      this.record(marketId, 'guidance_outcome', actorId, bookingId, { slotId, workerId, attended, referredTo, freed }),
    );
    for (const [name, type] of Object.entries(LOAN_TYPES) as Array<[keyof typeof LOAN_TYPES, string]>)
      on(name, (e: LoanEventPayload & { depositRefunded?: boolean }) =>
        this.record(e.marketId, type, e.actorId, e.loanId, { workerId: e.workerId, depositRefunded: e.depositRefunded }),
      );
    for (const [name, type] of Object.entries(CASE_TYPES) as Array<[keyof typeof CASE_TYPES, string]>)
      on(name, (e: CaseEventPayload) => this.record(e.marketId, type, e.actorId, e.caseId, caseData(e)));
  }

  /** Writes what is queued before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.events.drain();
    while (this.writing.size) await Promise.allSettled([...this.writing.values()]);
  }

  private record(marketId: string, type: string, actorId: string | null, subject: string, data: Record<string, unknown>): void {
    const draft: LedgerDraft = { at: new Date(), type, actor: ledgerActor(actorId), subject, data: ledgerData(data) };
    const queue = this.pending.get(marketId) ?? [];
    queue.push(draft);
    this.pending.set(marketId, queue);
    if (!this.writing.has(marketId)) this.writing.set(marketId, this.drain(marketId));
  }

  private async drain(marketId: string): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS));
    try {
      for (;;) {
        const queue = this.pending.get(marketId);
        if (!queue?.length) break;
        const batch = queue.splice(0, BATCH);
        await this.write(marketId, batch);
      }
    } finally {
      this.pending.delete(marketId);
      this.writing.delete(marketId);
    }
  }

  private async write(marketId: string, batch: LedgerDraft[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.ledger.append(marketId, batch);
        return;
      } catch (err) {
        if (attempt >= RETRIES) {
          this.log.error(
            { err, event: 'ledger.append_failed', marketId, lost: batch.map((d) => `${d.type}:${d.subject}`) },
            'ledger append failed',
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  /** The market a shift belongs to: the one it was posted at, else the nearest whose reach covers its site (its board shows it). */
  private async shiftMarket(row: { marketId: string | null; lat: number; lng: number }): Promise<string | null> {
    if (row.marketId) return row.marketId;
    return this.markets.nearest({ lat: row.lat, lng: row.lng })?.id ?? null;
  }
}

type PostingFields = Pick<ShiftRow, 'title' | 'trade' | 'headcount' | 'wageAmount' | 'wageUnit' | 'startsAt' | 'endsAt'>;

export function postingData(s: PostingFields): Record<string, unknown> {
  return {
    title: s.title,
    trade: s.trade,
    headcount: s.headcount,
    wage: { amount: Number(s.wageAmount), unit: s.wageUnit },
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  };
}

function caseData(e: CaseEventPayload): Record<string, unknown> {
  return { kind: e.kind, toAccountId: e.toAccountId, outcome: e.outcome, note: e.note };
}
