import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AppError } from '../common/errors.js';
import { DomainEvents } from '../events/domain-events.js';
import type { AssistedHire } from './accept-offer.js';
import { OffersRepository } from './offers.repository.js';

/** Who answers an offer: the worker themselves, or staff for a walk-in of their market. */
export interface OfferActor {
  workerId: string;
  assisted?: AssistedHire;
  /** The walk-in's market, when staff answered for one. */
  marketId?: string;
  actorId: string;
}

/**
 * A worker answers their own offers. Staff (or an admin of the region) answer for a walk-in of a market
 * they serve, and the hire records who did. Nobody else.
 */
@Injectable()
export class OfferActors {
  constructor(
    private readonly offers: OffersRepository,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  async actorFor(account: SignedInAccount, offerId: string): Promise<OfferActor> {
    const atWindow = account.roles.includes('staff') || account.roles.includes('admin');
    if (!atWindow) return { workerId: account.id, actorId: account.id };
    const offer = await this.offers.ownerOf(offerId);
    if (!offer) throw new AppError('NOT_FOUND');
    if (offer.workerId === account.id) return { workerId: account.id, actorId: account.id };
    const marketId = offer.worker.homeMarketId;
    if (!offer.worker.assisted || !marketId) throw new AppError('FORBIDDEN');
    await this.access.assertServeMarket(account.id, marketId);
    return { workerId: offer.workerId, assisted: { by: account.id, via: 'staff' }, marketId, actorId: account.id };
  }

  /** After staff answered for a walk-in: every console of the market refreshes that walk-in. */
  answered(actor: OfferActor): void {
    if (actor.marketId)
      this.events.publish('walkin.changed', { marketId: actor.marketId, workerId: actor.workerId, actorId: actor.actorId });
  }
}
