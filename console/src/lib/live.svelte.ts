import type { StaffOfferPayload, WalkIn } from '@linggong/protocol';
import { beep } from './beep.js';
import { offers as offersApi, walkIns as walkInsApi } from './endpoints.js';
import { session } from './session.svelte.js';
import { openStaffLink, type LinkState, type StaffSocket } from './socket.js';

/**
 * What arrives live on `/staff` for the chosen market: open offers for its walk-ins
 * (with a beep when a new one comes), and change counters the screens reload on.
 */
export const live = $state<{
  link: LinkState;
  walkIns: WalkIn[];
  walkInsLoaded: boolean;
  walkInsError: string | null;
  offers: StaffOfferPayload[];
  /** Offer ids that arrived while the console was open (highlighted until answered). */
  fresh: string[];
  casesVersion: number;
}>({ link: 'closed', walkIns: [], walkInsLoaded: false, walkInsError: null, offers: [], fresh: [], casesVersion: 0 });

let socket: StaffSocket | null = null;
let linkedMarket: string | null = null;

function inMarket(marketId: string | undefined): boolean {
  return !marketId || marketId === session.marketId;
}

function addOffer(offer: StaffOfferPayload, announce: boolean): void {
  if (live.offers.some((o) => o.offerId === offer.offerId)) return;
  live.offers = [...live.offers, offer].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  if (announce) {
    live.fresh = [...live.fresh, offer.offerId];
    beep();
  }
}

export function dropOffer(offerId: string): void {
  live.offers = live.offers.filter((o) => o.offerId !== offerId);
  live.fresh = live.fresh.filter((id) => id !== offerId);
}

/** The market's waiting walk-ins; offers for anyone else in scope are not this window's. */
export async function reloadWalkIns(): Promise<void> {
  const marketId = session.marketId;
  if (!marketId) return;
  try {
    const list = await walkInsApi.list(marketId);
    if (marketId !== session.marketId) return;
    live.walkIns = list;
    live.walkInsError = null;
  } catch (error) {
    live.walkInsError = error instanceof Error ? error.message : String(error);
  } finally {
    live.walkInsLoaded = true;
  }
}

/** The open offers as the server has them (after a reconnect or a market change). */
export async function reloadOffers(): Promise<void> {
  const marketId = session.marketId;
  if (!marketId) return;
  try {
    const open = await offersApi.open(marketId);
    if (marketId !== session.marketId) return;
    const known = new Set(live.offers.map((o) => o.offerId));
    live.offers = [];
    for (const offer of open) addOffer(offer, !known.has(offer.offerId) && live.link === 'online');
  } catch {
    // The queue shows the link state; offers still arrive on the socket.
  }
}

/** Connect (once) for the signed-in account; switching market only reloads. */
export function startLive(): void {
  if (linkedMarket !== session.marketId) {
    linkedMarket = session.marketId;
    live.offers = [];
    live.fresh = [];
    live.walkIns = [];
    live.walkInsLoaded = false;
    void reloadWalkIns();
    void reloadOffers();
  }
  if (socket) return;
  socket = openStaffLink({
    onState: (state) => (live.link = state),
    onConnect: () => {
      void reloadOffers();
      void reloadWalkIns();
      live.casesVersion += 1;
    },
  });
  socket.on('offer', (offer) => {
    // The socket carries every market in the account's scope and the payload names no market:
    // an offer for a walk-in of this window shows at once, any other is checked with the server.
    if (live.walkIns.some((w) => w.workerId === offer.workerId)) addOffer(offer, true);
    else void reloadOffers();
    void reloadWalkIns();
  });
  socket.on('offer:withdrawn', ({ offerId }) => {
    dropOffer(offerId);
    void reloadWalkIns();
  });
  socket.on('walkin:changed', ({ marketId }) => {
    if (inMarket(marketId)) void reloadWalkIns();
  });
  socket.on('case:changed', ({ marketId }) => {
    if (inMarket(marketId)) live.casesVersion += 1;
  });
}

export function stopLive(): void {
  socket?.disconnect();
  socket = null;
  linkedMarket = null;
  live.offers = [];
  live.fresh = [];
  live.link = 'closed';
}
