import { getDistance } from 'geolib';
import type { LatLng } from '@linggong/protocol';

/** Great-circle distance in kilometres. */
export function distanceKm(a: LatLng, b: LatLng): number {
  return getDistance({ latitude: a.lat, longitude: a.lng }, { latitude: b.lat, longitude: b.lng }, 1) / 1000;
}

export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** A lat/lng box that contains the circle: a cheap database pre-filter before the exact distance. */
export function boundingBox(center: LatLng, radiusKm: number) {
  const dLat = radiusKm / 111.32;
  const dLng = radiusKm / (111.32 * Math.max(Math.cos((center.lat * Math.PI) / 180), 0.01));
  return {
    lat: { gte: center.lat - dLat, lte: center.lat + dLat },
    lng: { gte: center.lng - dLng, lte: center.lng + dLng },
  };
}
