import type { LatLng } from '@linggong/protocol';

export type GeoFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
  readonly kind: GeoFailure;
  constructor(kind: GeoFailure) {
    super(kind);
    this.kind = kind;
  }
}

/**
 * One position fix. Low accuracy is fine for waiting (a market is hundreds of metres wide)
 * and saves battery; checking in on site asks for a precise, fresh one.
 */
export function currentPosition(maxAgeMs = 60_000, timeoutMs = 12_000, highAccuracy = false): Promise<LatLng> {
  return new Promise((resolve, reject) => {
    // Browsers refuse geolocation on plain HTTP pages other than localhost.
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      reject(new GeoError('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: round6(pos.coords.latitude), lng: round6(pos.coords.longitude) }),
      (err) => reject(new GeoError(err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: highAccuracy, maximumAge: maxAgeMs, timeout: timeoutMs },
    );
  });
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Great-circle distance in kilometres. */
export function distanceKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}
