import type { LatLng } from '@linggong/protocol';
import { distanceKm, LocalPlane } from './geo.js';
import { NearestFirst } from './nearest-first.js';

const CELL_DEG = 0.01; // about 1.1 km north-south
/** Plane distances are within 0.1% of the great circle: points in this band are decided exactly. */
const BAND = 0.002;

/** One cell's points as parallel arrays: a scan touches numbers, not objects. */
interface Cell<T> {
  key: number;
  ids: string[];
  lats: number[];
  lngs: number[];
  values: T[];
}

interface Slot<T> {
  cell: Cell<T>;
  index: number;
}

const cellKey = (row: number, col: number) => row * 100_000 + col;
const rowOf = (lat: number) => Math.floor(lat / CELL_DEG);
const colOf = (lng: number) => Math.floor(lng / CELL_DEG);

/** A uniform lat/lng grid: a radius query scans only the cells the circle's bounding box touches. */
export class GridIndex<T> {
  private readonly cells = new Map<number, Cell<T>>();
  private readonly slots = new Map<string, Slot<T>>();
  /** The queue a search orders its cells with, kept for the next; a search started from inside another's visitor makes its own. */
  private spareQueue: NearestFirst<Cell<T>> | undefined = new NearestFirst();

  get size(): number {
    return this.slots.size;
  }

  put(id: string, at: LatLng, value: T): void {
    this.remove(id);
    const key = cellKey(rowOf(at.lat), colOf(at.lng));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { key, ids: [], lats: [], lngs: [], values: [] }));
    this.slots.set(id, { cell, index: cell.ids.length });
    cell.ids.push(id);
    cell.lats.push(at.lat);
    cell.lngs.push(at.lng);
    cell.values.push(value);
  }

  remove(id: string): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    const { cell, index } = slot;
    const last = cell.ids.length - 1;
    if (index !== last) {
      cell.ids[index] = cell.ids[last];
      cell.lats[index] = cell.lats[last];
      cell.lngs[index] = cell.lngs[last];
      cell.values[index] = cell.values[last];
      this.slots.get(cell.ids[index])!.index = index;
    }
    cell.ids.pop();
    cell.lats.pop();
    cell.lngs.pop();
    cell.values.pop();
    if (!cell.ids.length) this.cells.delete(cell.key);
  }

  /**
   * Calls `visit` for every point within the radius, cell by cell from the nearest cell out; before each
   * cell it asks `goOn` whether points at least that far are still wanted, and stops when they are not.
   */
  forEachWithin(
    center: LatLng,
    radiusKm: number,
    visit: (value: T, distanceKm: number) => void,
    goOn: (distanceKm: number) => boolean = () => true,
  ): void {
    const plane = new LocalPlane(center);
    const inside2 = (radiusKm * (1 - BAND)) ** 2;
    const outside2 = (radiusKm * (1 + BAND)) ** 2;
    const cells = this.spareQueue ?? new NearestFirst<Cell<T>>();
    this.spareQueue = undefined;
    try {
      this.addCellsAround(plane, radiusKm, cells);
      while (!cells.isEmpty) {
        if (!goOn(cells.nearestKm())) return;
        const { lats, lngs, values } = cells.take()!;
        for (let i = 0; i < lats.length; i++) {
          const d2 = plane.squaredKm(lats[i], lngs[i]);
          if (d2 > outside2) continue;
          if (d2 > inside2 && distanceKm(center, { lat: lats[i], lng: lngs[i] }) > radiusKm) continue;
          visit(values[i], Math.sqrt(d2));
        }
      }
    } finally {
      cells.clear();
      this.spareQueue = cells;
    }
  }

  /** Queues the occupied cells the circle's box touches by how far their nearest corner or edge is. */
  private addCellsAround(plane: LocalPlane, radiusKm: number, queue: NearestFirst<Cell<T>>): void {
    const { center } = plane;
    const reach = plane.reachDeg(radiusKm * (1 + BAND) + 0.001);
    const r0 = rowOf(center.lat - reach.lat);
    const r1 = rowOf(center.lat + reach.lat);
    const c0 = colOf(center.lng - reach.lng);
    const c1 = colOf(center.lng + reach.lng);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cells.get(cellKey(r, c));
        if (!cell) continue;
        const lat = clamp(center.lat, r * CELL_DEG, (r + 1) * CELL_DEG);
        const lng = clamp(center.lng, c * CELL_DEG, (c + 1) * CELL_DEG);
        // A hair nearer than the plane says, so the plane's small error never skips a cell it should not.
        queue.add(cell, Math.sqrt(plane.squaredKm(lat, lng)) * (1 - BAND));
      }
    }
  }

  within(center: LatLng, radiusKm: number): Array<{ value: T; distanceKm: number }> {
    const found: Array<{ value: T; distanceKm: number }> = [];
    this.forEachWithin(center, radiusKm, (value, d) => found.push({ value, distanceKm: d }));
    return found;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
