import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ShiftCloseReason } from '@linggong/protocol';
import type { Logger } from 'pino';
import { KeyedQueue } from '../common/keyed-queue.js';
import { LOGGER } from '../common/logger.js';
import { toOfferedShift, type ShiftRow } from '../common/shift-row.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainEvents } from '../events/domain-events.js';
import { offerPayload } from '../offers/offer.payload.js';
import { OfferDeadlines } from '../offers/offer-deadlines.js';
import { OffersRepository, type NewOffer } from '../offers/offers.repository.js';
import { PRESENCE_STORE, type PresenceStore } from '../presence/presence.store.js';
import { ShiftsRepository } from '../shifts/shifts.repository.js';
import { explain, TopRanked, type Candidate, type RankedCandidate } from './ranking.js';
import { dispatchDeadline, offersWanted, waveRadii } from './wave-plan.js';

/** The dispatch loop: waves of ranked offers, widening the radius until a shift fills, is cancelled or expires. */
const WANTING_PASS_MS = 15_000;
/**
 * Workers who start waiting within this window share one check of their trade's shifts. After a restart
 * thousands reconnect in seconds; one query each would queue ahead of everything else.
 */
const TRADE_CHECK_WINDOW_MS = 50;
/** Offers withdrawn per statement when a shift closes. */
const WITHDRAW_SLICE = 200;
/** A closed shift's offers still open after this long were left behind (a filled shift's wait for its race is a second). */
const LEFT_OPEN_AFTER_MS = 10_000;
/**
 * A large wave is stored and sent in slices: the first small, so the first offers leave after a short
 * insert; the rest larger, each stored while the previous one is being written to the sockets.
 */
const FIRST_SLICE = 100;
const SLICE = 300;

/**
 * How many to rank before the first busy check: three times a small wave; a quarter more than a large one
 * (ranking and checking 3,000 for a wave of 1,000 cost more than the rare second round).
 */
function firstRanking(want: number): number {
  return want <= 40 ? want * 3 : Math.ceil(want * 1.25);
}

function waveSlices<T>(rows: T[]): T[][] {
  const slices = [rows.slice(0, FIRST_SLICE)];
  for (let i = FIRST_SLICE; i < rows.length; i += SLICE) slices.push(rows.slice(i, i + SLICE));
  return slices;
}

@Injectable()
export class DispatchService implements OnModuleInit {
  private readonly waves = new KeyedQueue();
  /** Waves of one trade choose one after another, so two shifts' waves never both pick the same free worker. */
  private readonly choosing = new KeyedQueue();
  /** Per trade, the wanting-shifts check queued and not started yet. */
  private readonly tradeChecks = new Map<string, Promise<void>>();
  private lastWantingPass = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shifts: ShiftsRepository,
    private readonly offers: OffersRepository,
    private readonly deadlines: OfferDeadlines,
    @Inject(PRESENCE_STORE) private readonly presence: PresenceStore,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * What starts and ends waves. Each handler runs a microtask after the publisher's commit: a new shift's
   * first wave starts from its row as soon as the insert returns, as when shifts called dispatch directly.
   */
  onModuleInit(): void {
    const on = this.events.on.bind(this.events);
    const wave = (shiftId: string) =>
      this.dispatchWave(shiftId).then(
        () => undefined,
        (err: unknown) => this.log.error({ err, shiftId }, 'wave failed'),
      );
    on('shift.opened', ({ shiftId, shift }) => {
      // A reopened shift comes without its row: its wave follows `assignment.cancelled`.
      if (shift) void this.firstWave(shift).catch((err: unknown) => this.log.error({ err, shiftId }, 'first wave failed'));
    });
    on('offer.declined', ({ shiftId }) => wave(shiftId));
    on('offers.expired', async ({ offers }) => {
      await Promise.all([...new Set(offers.map((o) => o.shiftId))].map(wave));
    });
    on('assignment.cancelled', ({ shiftId, reopened }) => {
      if (reopened) void wave(shiftId);
    });
    on('worker.waiting', ({ workerId, trades }) => {
      void this.offerOpenShiftsTo(trades).catch((err: unknown) => this.log.error({ err, workerId }, 'offering open shifts failed'));
    });
    on('shift.cancelled', ({ shiftId }) => this.closeShift(shiftId, 'cancelled'));
    on('shift.filled', ({ shiftId }) => this.closeShift(shiftId, 'filled'));
  }

  /** Sends the next wave for a shift if it wants more offers; returns how many were sent. */
  dispatchWave(shiftId: string): Promise<number> {
    return this.waves.run(shiftId, async () => {
      const shift = await this.shifts.find(shiftId);
      if (!shift || shift.status !== 'open') return 0;
      if (dispatchDeadline(shift.startsAt, shift.endsAt) <= new Date()) {
        await this.expireShift(shift.id);
        return 0;
      }
      return this.nextWave(shift, () => this.offers.offeredSoFar(shift.id));
    });
  }

  /** The first wave of a shift just created: its row is fresh and nobody has been offered it yet. */
  firstWave(shift: ShiftRow): Promise<number> {
    return this.waves.run(shift.id, () => this.nextWave(shift, async () => ({ open: 0, workerIds: new Set<string>() })));
  }

  private async nextWave(shift: ShiftRow, offeredSoFar: () => Promise<{ open: number; workerIds: Set<string> }>): Promise<number> {
    if ((await this.presence.countWaiting(shift.trade)) === 0) return 0;
    const offered = await offeredSoFar();
    const want = offersWanted(shift.headcount, shift.filled, offered.open, this.config.dispatch.fanout);
    return want > 0 ? this.sendWave(shift, want, offered.open, offered.workerIds) : 0;
  }

  private sendWave(shift: ShiftRow, want: number, open: number, offered: Set<string>): Promise<number> {
    return this.choosing.run(shift.trade, () => this.chooseAndOffer(shift, want, open, offered));
  }

  /**
   * While offers are still out, a wave only tops up within the current radius (workers who became
   * free meanwhile); the radius widens only once the previous wave has been answered or lapsed.
   */
  private async chooseAndOffer(shift: ShiftRow, want: number, open: number, offered: Set<string>): Promise<number> {
    const radii = open > 0 && shift.radiusKm > 0 ? [shift.radiusKm] : waveRadii(shift.radiusKm, this.config.dispatch);
    for (const radiusKm of radii) {
      const chosen = await this.choose(shift, want, radiusKm, offered);
      if (!chosen.length) continue;
      if (!(await this.sendOffers(shift, chosen, radiusKm))) return 0;
      // Who was offered is in the Offer rows; a thousand ids on one log line helped nobody.
      this.log.info({ event: 'wave.sent', shiftId: shift.id, wave: shift.wave + 1, radiusKm, offers: chosen.length }, 'offers sent');
      return chosen.length;
    }
    this.log.debug({ event: 'wave.empty', shiftId: shift.id }, 'no candidates within the largest radius');
    return 0;
  }

  /**
   * The best `want` free workers within the radius. Ranks a few more than wanted, drops those busy on an
   * overlapping shift, and ranks further down (four times as many each round) until enough are free or
   * nobody is left, so a crowd of busy top-ranked workers never hides the free ones behind them.
   */
  private async choose(shift: ShiftRow, want: number, radiusKm: number, offered: Set<string>): Promise<RankedCandidate[]> {
    const center = { lat: shift.lat, lng: shift.lng };
    const checked = new Set<string>();
    const free: Candidate[] = [];
    for (let limit = firstRanking(want); free.length < want; limit *= 4) {
      const top = new TopRanked(limit, Date.now(), (id) => offered.has(id) || checked.has(id));
      await this.presence.forEachNearby(shift.trade, center, radiusKm, top);
      const ranked = top.inOrder();
      if (!ranked.length) break;
      const busy = await this.offers.busyWorkerIds(
        ranked.map((r) => r.workerId),
        shift.id,
        shift.startsAt,
        shift.endsAt,
      );
      for (const r of ranked) {
        checked.add(r.workerId);
        if (!busy.has(r.workerId)) free.push(r);
      }
      if (!top.leftSome) break;
    }
    return free.slice(0, want).map(explain);
  }

  /**
   * Claims the shift's next wave with its first slice of offers (one statement), then stores and sends the
   * rest a slice at a time: each slice goes to the database while the one before goes to the sockets, and
   * no offer is sent before it is stored. False when another wave won the claim.
   */
  private async sendOffers(shift: ShiftRow, chosen: RankedCandidate[], radiusKm: number): Promise<boolean> {
    const expiresAt = new Date(Date.now() + this.config.dispatch.offerTtlS * 1000);
    const rows = chosen.map((c) => ({
      id: randomUUID(),
      workerId: c.workerId,
      distanceKm: c.distanceKm,
      score: c.score,
      reasons: { text: c.reasons, details: c.reasonDetails },
    }));
    const slices = waveSlices(rows);
    const claimed = await this.offers.claimWave({ shiftId: shift.id, fromWave: shift.wave, radiusKm, expiresAt, offers: slices[0] });
    if (!claimed) return false;
    this.deadlines.wakeAt(expiresAt);
    const offered = toOfferedShift(shift);
    const send = (slice: NewOffer[]) => {
      const offers = slice.map((r) => ({
        workerId: r.workerId,
        payload: offerPayload({ id: r.id, distanceKm: r.distanceKm, expiresAt, reasons: r.reasons }, offered),
      }));
      this.events.publish('offers.sent', { shiftId: shift.id, slotsLeft: shift.headcount - shift.filled, offers });
    };
    for (let i = 0; i < slices.length; i++) {
      const next = i + 1 < slices.length ? this.offers.addToWave(shift.id, shift.wave + 1, expiresAt, slices[i + 1]) : undefined;
      send(slices[i]);
      // A shift filled or cancelled meanwhile stores no more: the rest of the wave is never sent.
      if (next && (await next) === 0) break;
    }
    return true;
  }

  /**
   * Withdraws what is still open on a closed shift and tells everyone. A shift offered to a thousand
   * workers is withdrawn a slice at a time, with a turn of the event loop between slices: the embedded
   * database runs on this thread, and the race's late accepts are waiting to be answered.
   */
  async closeShift(shiftId: string, reason: ShiftCloseReason): Promise<void> {
    let count = 0;
    for (;;) {
      const withdrawn = await this.offers.withdrawOpen(shiftId, reason, new Date(), WITHDRAW_SLICE);
      if (withdrawn.length) this.events.publish('offers.withdrawn', { offers: withdrawn, reason });
      count += withdrawn.length;
      if (withdrawn.length < WITHDRAW_SLICE) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.events.publish('shift.closed', { shiftId, reason });
    this.log.info({ event: 'shift.closed', shiftId, reason, withdrawn: count }, 'shift closed');
  }

  async expireShift(shiftId: string): Promise<void> {
    if (await this.shifts.close(shiftId, 'expired', ['open'])) await this.closeShift(shiftId, 'expired');
  }

  /**
   * The periodic safety net: deadlines and overdue shifts every sweep; shifts still wanting offers
   * only now and then, since new waiting workers and lapsed offers already trigger their waves.
   */
  async sweep(): Promise<void> {
    await this.deadlines.expireDue();
    for (const { id } of await this.shifts.overdueOpenIds(new Date())) await this.expireShift(id);
    await this.withdrawLeftOpen();
    if (Date.now() - this.lastWantingPass < WANTING_PASS_MS) return;
    this.lastWantingPass = Date.now();
    const wanting = await this.offers.shiftsWantingOffers(this.config.dispatch.fanout);
    for (const { id } of wanting) await this.dispatchWave(id);
  }

  /** Offers still open on a shift closed a while ago: the instance that closed it stopped before withdrawing them. */
  private async withdrawLeftOpen(): Promise<void> {
    for (const { id, reason } of await this.offers.closedShiftsWithOpenOffers(new Date(Date.now() - LEFT_OPEN_AFTER_MS), 20)) {
      this.log.warn({ event: 'offers.left_open', shiftId: id, reason }, 'withdrawing offers left open on a closed shift');
      await this.closeShift(id, reason);
    }
  }

  /**
   * A worker just started waiting: open shifts of their trades that still want offers may want them. When
   * many start at once (the morning rush, phones reconnecting after a restart) the workers of a trade share
   * one check, made on the next turn of the event loop.
   */
  async offerOpenShiftsTo(trades: string[]): Promise<void> {
    await Promise.all(trades.map((trade) => this.checkTrade(trade)));
  }

  private checkTrade(trade: string): Promise<void> {
    const queued = this.tradeChecks.get(trade);
    if (queued) return queued;
    const check = new Promise<void>((resolve) => setTimeout(resolve, TRADE_CHECK_WINDOW_MS).unref()).then(async () => {
      this.tradeChecks.delete(trade);
      const wanting = await this.offers.shiftsWantingOffers(this.config.dispatch.fanout, [trade]);
      await Promise.all(wanting.map(({ id }) => this.dispatchWave(id)));
    });
    this.tradeChecks.set(trade, check);
    return check;
  }
}
