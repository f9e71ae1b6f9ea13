import type { LatLng } from '@linggong/protocol';
import type { NearbyWorker, PresenceStore } from '../../api/src/presence/presence.store.js';

/** Everyone a store finds, nearest first (a visitor that never stops the search). */
export async function collectNearby(store: PresenceStore, trade: string, center: LatLng, radiusKm: number) {
  const found: Array<{ presence: NearbyWorker; distanceKm: number }> = [];
  await store.forEachNearby(trade, center, radiusKm, {
    consider: (presence, distanceKm) => found.push({ presence, distanceKm }),
    wantsBeyond: () => true,
  });
  return found.sort((a, b) => a.distanceKm - b.distanceKm);
}
