import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { MarketsService } from '../reference/markets.service.js';
import { ledgerActor, ledgerData } from './ledger-chain.js';
import { postingData } from './ledger.recorder.js';
import { LedgerRepository, type LedgerDraft } from './ledger.repository.js';

/** How far back a sweep looks, how many rows of each kind it takes, and how often it runs. */
const LOOK_BACK_MS = 7 * 24 * 3600_000;
const LIMIT = 500;
const EVERY_MS = 60_000;
/** Later sweeps leave the last minute alone: another instance may still be writing those entries. */
const GRACE_MS = 60_000;
/** Later sweeps read only since the previous one (less this overlap), not a week: the scan stays small. */
const OVERLAP_MS = 2 * EVERY_MS;

/**
 * Work-log entries are written after the commit that makes a posting or a hire, from a queue in memory: a
 * crash (kill -9, power) between the two loses them. At start-up (everything committed before this
 * instance started) and then every minute (anything older than a minute), postings and hires with no entry
 * are recorded, marked `recovered`. The append skips any already there, so instances never write one twice.
 */
@Injectable()
export class LedgerRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** The upper bound of the last sweep that ran. */
  private sweptUntil?: Date;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly markets: MarketsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const startedAt = new Date();
    this.running = this.sweep(new Date(startedAt.getTime() - LOOK_BACK_MS), startedAt);
    this.timer = setInterval(() => {
      if (this.running) return;
      const before = new Date(Date.now() - GRACE_MS);
      const since = this.sweptUntil ? new Date(this.sweptUntil.getTime() - OVERLAP_MS) : new Date(before.getTime() - LOOK_BACK_MS);
      this.running = this.sweep(since, before);
    }, EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Records the postings and hires committed in [since, before) that have no entry. */
  async sweep(since: Date, before: Date): Promise<void> {
    try {
      const { shifts, hires } = await this.ledger.unrecorded(since, before, LIMIT);
      const byMarket = new Map<string, LedgerDraft[]>();
      const add = (marketId: string | null, draft: LedgerDraft) => {
        if (marketId) byMarket.set(marketId, [...(byMarket.get(marketId) ?? []), draft]);
      };
      const at = new Date();
      const marketOf = new Map<string, string | null>();
      for (const s of shifts) {
        const marketId = s.marketId ?? this.markets.nearest({ lat: s.lat, lng: s.lng })?.id ?? null;
        marketOf.set(s.id, marketId);
        const data = ledgerData({ ...postingData(s), recovered: true });
        add(marketId, { at, type: 'shift_posted', actor: ledgerActor(s.employerId), subject: s.id, data });
      }
      for (const h of hires) {
        const marketId = marketOf.get(h.shiftId) ?? (await this.marketOfShift(h.shiftId));
        const data = ledgerData({ shiftId: h.shiftId, workerId: h.workerId, assisted: !!h.assistedBy, recovered: true });
        add(marketId, { at, type: 'hire', actor: ledgerActor(h.assistedBy ?? h.workerId), subject: h.id, data });
      }
      let written = 0;
      for (const [marketId, drafts] of byMarket) written += (await this.ledger.append(marketId, drafts)).length;
      this.sweptUntil = before;
      if (written) this.log.warn({ event: 'ledger.recovered', entries: written }, 'work log entries recovered after a crash');
    } catch (err) {
      this.log.error({ err, event: 'ledger.recovery_failed' }, 'work log recovery failed');
    } finally {
      this.running = undefined;
    }
  }

  private async marketOfShift(shiftId: string): Promise<string | null> {
    const s = await this.ledger.shift(shiftId);
    return s ? (s.marketId ?? this.markets.nearest({ lat: s.lat, lng: s.lng })?.id ?? null) : null;
  }
}
