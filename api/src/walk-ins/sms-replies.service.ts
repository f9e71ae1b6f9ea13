import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { SMS_DRIVER, type SmsDriver } from '../auth/sms.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { OffersService } from '../offers/offers.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { declinedSms, hiredSms } from './sms-texts.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { WalkInsRepository } from './walk-ins.repository.js';

const ACCEPT = new Set(['1', 'Y', 'YES', '是', '接']);
const DECLINE = new Set(['2', 'N', 'NO', '否', '不']);

export type SmsReplyOutcome =
  { action: 'accepted'; offerId: string; assignment: { id: string; shiftId: string } } | { action: 'declined'; offerId: string };

/**
 * A walk-in's reply by SMS to the latest offer sent to their phone: "1"/"Y" accepts it through the same
 * accept path as everyone (the hire is recorded as assisted, by SMS, with nobody at the window), "2"/"N"
 * declines it. A real SMS gateway's inbound webhook would call `reply`; in development an endpoint plays it.
 */
@Injectable()
export class SmsRepliesService {
  constructor(
    private readonly offerRows: OffersRepository,
    private readonly repo: WalkInsRepository,
    private readonly offers: OffersService,
    private readonly events: DomainEvents,
    @Inject(SMS_DRIVER) private readonly sms: SmsDriver,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async reply(phone: string, text: string): Promise<SmsReplyOutcome> {
    const word = text.trim().toUpperCase();
    const accept = ACCEPT.has(word);
    if (!accept && !DECLINE.has(word)) throw fieldError('text', '回复 1 接受，回复 2 不去', 'Reply 1 to accept, 2 to decline');
    const offer = await this.offerRows.latestOpenOfferByPhone(phone, new Date());
    if (!offer) throw new AppError('NOT_FOUND');
    const marketId = offer.worker.homeMarketId;
    this.log.info({ event: 'sms.reply', offerId: offer.id, workerId: offer.workerId, accept }, 'SMS reply to an offer');
    if (accept) {
      const { assignment } = await this.offers.accept(offer.workerId, offer.id, { by: null, via: 'sms' });
      await this.sms.send(phone, hiredSms(offer.shift.title));
      if (marketId) this.events.publish('walkin.changed', { marketId, workerId: offer.workerId, actorId: null });
      return { action: 'accepted', offerId: offer.id, assignment };
    }
    await this.offers.decline(offer.workerId, offer.id);
    await this.sms.send(phone, declinedSms(offer.shift.title));
    if (marketId) this.events.publish('walkin.changed', { marketId, workerId: offer.workerId, actorId: null });
    return { action: 'declined', offerId: offer.id };
  }
}
