import type { LatLng } from '@linggong/protocol';
import { distanceKm, LocalPlane } from '../common/geo.js';

/** The grid both presence stores index workers by: cells of 0.01° (about 1.1 km north–south). */
export const CELL_DEG = 0.01;
/** Plane distances are within 0.1% of the great circle: points in this band are decided exactly. */
const BAND = 0.002;

export const rowOf = (lat: number, cellDeg = CELL_DEG) => Math.floor(lat / cellDeg);
export const colOf = (lng: number, cellDeg = CELL_DEG) => Math.floor(lng / cellDeg);

/**
 * A radius search on the grid: the cells it must look in, each with how near (and how far) it reaches, for
 * the caller to read nearest first; and each point's distance from the centre (or that it lies outside).
 */
export class SearchCircle {
  private readonly plane: LocalPlane;
  private readonly inside2: number;
  private readonly outside2: number;

  constructor(
    readonly center: LatLng,
    readonly radiusKm: number,
  ) {
    this.plane = new LocalPlane(center);
    this.inside2 = (radiusKm * (1 - BAND)) ** 2;
    this.outside2 = (radiusKm * (1 + BAND)) ** 2;
  }

  /** The point's distance from the centre in km, or -1 when it lies outside the circle. */
  distanceTo(lat: number, lng: number): number {
    const d2 = this.plane.squaredKm(lat, lng);
    if (d2 > this.outside2) return -1;
    if (d2 > this.inside2 && distanceKm(this.center, { lat, lng }) > this.radiusKm) return -1;
    return Math.sqrt(d2);
  }

  /**
   * Every cell of the grid (`cellDeg` on a side) that the circle's box touches, with a distance no farther than
   * the cell's nearest edge or corner, and one no nearer than its farthest corner.
   */
  forEachCell(visit: (row: number, col: number, nearestKm: number, farthestKm: number) => void, cellDeg = CELL_DEG): void {
    const { center, plane } = this;
    const reach = plane.reachDeg(this.radiusKm * (1 + BAND) + 0.001);
    const r0 = rowOf(center.lat - reach.lat, cellDeg);
    const r1 = rowOf(center.lat + reach.lat, cellDeg);
    const c0 = colOf(center.lng - reach.lng, cellDeg);
    const c1 = colOf(center.lng + reach.lng, cellDeg);
    for (let r = r0; r <= r1; r++) {
      const south = r * cellDeg;
      const north = south + cellDeg;
      const lat = clamp(center.lat, south, north);
      const farLat = center.lat - south > north - center.lat ? south : north;
      for (let c = c0; c <= c1; c++) {
        const west = c * cellDeg;
        const east = west + cellDeg;
        const lng = clamp(center.lng, west, east);
        const farLng = center.lng - west > east - center.lng ? west : east;
        // A hair nearer (and farther) than the plane says, so its small error never skips a cell it should not.
        const nearestKm = Math.sqrt(plane.squaredKm(lat, lng)) * (1 - BAND);
        const farthestKm = Math.sqrt(plane.squaredKm(farLat, farLng)) * (1 + BAND);
        visit(r, c, nearestKm, farthestKm);
      }
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
