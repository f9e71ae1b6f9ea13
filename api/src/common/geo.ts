import type { LatLng } from '@linggong/protocol';

/** geolib's radius (WGS84 equatorial), kept so distances read the same as before. */
const EARTH_RADIUS_KM = 6378.137;
const RAD = Math.PI / 180;
export const KM_PER_DEG_LAT = EARTH_RADIUS_KM * RAD;

/**
 * Great-circle distance in kilometres (haversine). Written out rather than taken
 * from geolib, whose per-call coordinate parsing was 45% of a dispatch ranking; the spec checks it
 * against geolib.
 */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distances from one centre on a flat local map (equirectangular): a few multiplications per point,
 * for scanning thousands of workers. Within 50 km of the centre it differs from the great circle by
 * well under 0.1% (the spec measures it).
 */
export class LocalPlane {
  private readonly kmPerDegLng: number;
  /** How a degree of longitude shrinks per degree of latitude away from the centre (first order). */
  private readonly lngShrink: number;

  constructor(readonly center: LatLng) {
    this.kmPerDegLng = KM_PER_DEG_LAT * Math.max(Math.cos(center.lat * RAD), 0.01);
    this.lngShrink = (KM_PER_DEG_LAT * Math.sin(center.lat * RAD) * RAD) / 2;
  }

  squaredKm(lat: number, lng: number): number {
    const dLat = lat - this.center.lat;
    const dy = dLat * KM_PER_DEG_LAT;
    const dx = (lng - this.center.lng) * (this.kmPerDegLng - this.lngShrink * dLat);
    return dx * dx + dy * dy;
  }

  /** Half-widths in degrees of the box that holds the circle of `radiusKm`. */
  reachDeg(radiusKm: number): { lat: number; lng: number } {
    return { lat: radiusKm / KM_PER_DEG_LAT, lng: radiusKm / this.kmPerDegLng };
  }
}

export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** A lat/lng box that contains the circle: a cheap database pre-filter before the exact distance. */
export function boundingBox(center: LatLng, radiusKm: number) {
  const reach = new LocalPlane(center).reachDeg(radiusKm * 1.001);
  return {
    lat: { gte: center.lat - reach.lat, lte: center.lat + reach.lat },
    lng: { gte: center.lng - reach.lng, lte: center.lng + reach.lng },
  };
}
