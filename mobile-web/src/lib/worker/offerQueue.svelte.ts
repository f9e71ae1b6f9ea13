import type { OfferPayload } from '@linggong/protocol';

/**
 * Offers waiting for the worker's answer, first come first shown. The server
 * re-sends every open offer after a reconnect, so offers are keyed by offerId.
 */
class OfferQueue {
  offers = $state<OfferPayload[]>([]);

  get current(): OfferPayload | null {
    return this.offers[0] ?? null;
  }

  /** Returns true when the offer is new (not a re-send). */
  add(offer: OfferPayload): boolean {
    const index = this.offers.findIndex((open) => open.offerId === offer.offerId);
    if (index >= 0) {
      this.offers[index] = offer; // a re-send may carry a fresher expiry
      return false;
    }
    this.offers.push(offer);
    return true;
  }

  has(offerId: string): boolean {
    return this.offers.some((open) => open.offerId === offerId);
  }

  remove(offerId: string): OfferPayload | null {
    const offer = this.offers.find((open) => open.offerId === offerId) ?? null;
    if (offer) this.offers = this.offers.filter((open) => open.offerId !== offerId);
    return offer;
  }

  clear(): void {
    this.offers = [];
  }
}

export const offerQueue = new OfferQueue();
