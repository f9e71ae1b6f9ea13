import { Inject, Injectable } from '@nestjs/common';
import type { GuidanceBookingView, GuidanceDay, GuidanceSlotView } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { addDays, chinaDateOf, startOfChinaDay, type ChinaDate } from '../calendar/china-date.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import type { NewSlotInput, OutcomeInput } from './guidance.schemas.js';
import { GuidanceRepository, type BookingRow } from './guidance.repository.js';
import { toBookingView, toSlotView } from './guidance.view.js';

/** Career guidance (职业指导): a market's sessions, booked from the phone or at the window, and their outcomes. */
@Injectable()
export class GuidanceService {
  constructor(
    private readonly guidance: GuidanceRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async createSlot(account: SignedInAccount, marketId: string, input: NewSlotInput): Promise<GuidanceSlotView> {
    await this.market(marketId);
    await this.access.assertServeMarket(account.id, marketId);
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= Date.now()) throw fieldError('endsAt', '时段已经结束', 'The session would already be over');
    const slot = await this.guidance.createSlot({
      marketId,
      startsAt: new Date(input.startsAt),
      endsAt,
      counsellor: input.counsellor,
      capacity: input.capacity ?? 1,
      createdBy: account.id,
    });
    this.log.info({ event: 'guidance.slot_created', slotId: slot.id, marketId }, 'guidance slot published');
    return toSlotView({ ...slot, taken: 0 });
  }

  /** Public: the market's sessions that have not ended, with their free places. */
  async upcoming(marketId: string): Promise<GuidanceSlotView[]> {
    await this.market(marketId);
    return (await this.guidance.slots(marketId, { endsAfter: new Date() })).map(toSlotView);
  }

  /**
   * A worker books a place for themselves; staff of the market (or an admin of its region) book for a
   * walk-in registered at that market.
   */
  async book(account: SignedInAccount, slotId: string, workerId: string | undefined): Promise<GuidanceBookingView> {
    const slot = await this.guidance.findSlot(slotId);
    if (!slot) throw new AppError('NOT_FOUND');
    const forWorker = workerId ?? account.id;
    if (workerId && workerId !== account.id) {
      await this.access.assertServeMarket(account.id, slot.marketId);
      const walkIn = (await this.guidance.workers([workerId])).get(workerId);
      if (!walkIn) throw new AppError('NOT_FOUND');
      if (!walkIn.assisted || walkIn.homeMarketId !== slot.marketId) throw new AppError('FORBIDDEN');
    } else {
      if (!account.roles.includes('worker')) throw new AppError('FORBIDDEN');
      if (!(await this.guidance.workers([account.id])).has(account.id)) throw new AppError('PROFILE_REQUIRED');
    }
    const row = await this.guidance.book(slotId, forWorker, account.id, new Date());
    this.log.info({ event: 'guidance.booked', bookingId: row.id, slotId, workerId: forWorker }, 'guidance booked');
    this.events.publish('guidance.booked', { bookingId: row.id, slotId, marketId: row.marketId, workerId: forWorker, actorId: account.id });
    return this.view(row);
  }

  async outcome(account: SignedInAccount, bookingId: string, input: OutcomeInput): Promise<GuidanceBookingView> {
    const before = await this.guidance.findBooking(bookingId);
    if (!before) throw new AppError('NOT_FOUND');
    await this.access.assertServeMarket(account.id, before.marketId);
    const row = await this.guidance.recordOutcome(bookingId, { ...input, by: account.id, at: new Date() });
    if (!row) throw new AppError('OUTCOME_RECORDED');
    this.events.publish('guidance.outcome', {
      bookingId,
      slotId: row.slotId,
      marketId: row.marketId,
      workerId: row.workerId,
      actorId: account.id,
      attended: input.attended,
      referredTo: input.referredTo,
      freed: before.status === 'booked' && !input.attended,
    });
    return this.view(row);
  }

  async mine(account: SignedInAccount): Promise<GuidanceBookingView[]> {
    const rows = await this.guidance.workerBookings(account.id);
    const workers = await this.guidance.workers([account.id]);
    return rows.map((r) => toBookingView(r, workers.get(r.workerId)));
  }

  /** Staff: the day's sessions (China time) with every booking. */
  async day(account: SignedInAccount, marketId: string, date?: ChinaDate): Promise<GuidanceDay> {
    await this.market(marketId);
    await this.access.assertOverseeMarket(account.id, marketId);
    const day = date ?? chinaDateOf(new Date());
    const slots = await this.guidance.slots(marketId, { startsFrom: startOfChinaDay(day), startsBefore: startOfChinaDay(addDays(day, 1)) });
    const bookings = await this.guidance.bookingsOfSlots(slots.map((s) => s.id));
    const workers = await this.guidance.workers(bookings.map((b) => b.workerId));
    return {
      marketId,
      date: day,
      slots: slots.map((s) => ({
        ...toSlotView(s),
        bookings: bookings.filter((b) => b.slotId === s.id).map((b) => toBookingView(b, workers.get(b.workerId))),
      })),
    };
  }

  private async view(row: BookingRow): Promise<GuidanceBookingView> {
    return toBookingView(row, (await this.guidance.workers([row.workerId])).get(row.workerId));
  }

  private async market(marketId: string): Promise<void> {
    if (!(await this.markets.find(marketId))) throw new AppError('NOT_FOUND');
  }
}
