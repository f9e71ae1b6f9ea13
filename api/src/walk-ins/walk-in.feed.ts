import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { OfferPayload, StaffOfferPayload, TicketCall } from '@linggong/protocol';
import type { Logger } from 'pino';
import { SMS_DRIVER, type SmsDriver } from '../auth/sms.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { tradeByCode } from '../reference/trades.js';
import { WalkInDirectory, type KnownWalkIn } from './walk-in.directory.js';
import { WalkInsService } from './walk-ins.service.js';
import { offerSms } from './sms-texts.js';

/**
 * Offers for walk-ins, after the fact: to the market's staff consoles (`/staff`), the hall's boards
 * (`ticket:called`, a ticket and never a name) and, for a walk-in with a phone, an SMS. It follows the
 * dispatch's own events and never slows them: one map look-up per offer of a wave.
 * Room emits go through the Socket.IO adapter, so with Redis they reach consoles and boards on every instance.
 */
@Injectable()
export class WalkInFeed implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly registry: RealtimeRegistry,
    private readonly directory: WalkInDirectory,
    @Inject(SMS_DRIVER) private readonly sms: SmsDriver,
    private readonly walkIns: WalkInsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.events.on('offers.sent', ({ offers }) => {
      for (const { workerId, payload } of offers) {
        const walkIn = this.directory.get(workerId);
        if (walkIn) this.offered(walkIn, payload);
      }
    });
    this.events.on('offers.withdrawn', ({ offers, reason }) => {
      for (const { workerId, offerId } of offers) {
        const walkIn = this.directory.get(workerId);
        if (walkIn) this.registry.staff?.to(rooms.staff(walkIn.marketId)).emit('offer:withdrawn', { offerId, reason, workerId });
      }
    });
    const changed = ({ marketId, workerId }: { marketId: string; workerId: string }) => {
      this.registry.staff?.to(rooms.staff(marketId)).emit('walkin:changed', { marketId, workerId });
    };
    this.events.on('walkin.registered', changed);
    this.events.on('walkin.changed', changed);
    await this.walkIns.loadDirectory();
  }

  private offered(walkIn: KnownWalkIn, payload: OfferPayload): void {
    const offer: StaffOfferPayload = { ...payload, workerId: walkIn.workerId, ticket: walkIn.ticket, workerName: walkIn.name };
    this.registry.staff?.to(rooms.staff(walkIn.marketId)).emit('offer', offer);
    const trade = tradeByCode(payload.shift.trade);
    const call: TicketCall = {
      ticket: walkIn.ticket,
      shiftTitle: payload.shift.title,
      trade: payload.shift.trade,
      tradeName: trade?.name ?? payload.shift.trade,
      tradeNameEn: trade?.nameEn ?? payload.shift.trade,
      address: payload.shift.address,
      at: new Date().toISOString(),
    };
    this.registry.board?.to(rooms.board(walkIn.marketId)).emit('ticket:called', call);
    if (walkIn.phone)
      void this.sms
        .send(walkIn.phone, offerSms(walkIn.ticket, payload))
        .catch((err: unknown) => this.log.error({ err, workerId: walkIn.workerId, offerId: payload.offerId }, 'offer SMS failed'));
    this.log.info(
      { event: 'walkin.offered', workerId: walkIn.workerId, offerId: payload.offerId, marketId: walkIn.marketId },
      'offer for a walk-in',
    );
  }
}
