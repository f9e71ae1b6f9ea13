import type { LatLng } from '@linggong/protocol';
import { NearestFirst } from './nearest-first.js';
import { colOf, rowOf, SearchCircle } from './search-circle.js';

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
    const circle = new SearchCircle(center, radiusKm);
    const cells = this.spareQueue ?? new NearestFirst<Cell<T>>();
    this.spareQueue = undefined;
    try {
      circle.forEachCell((row, col, nearestKm) => {
        const cell = this.cells.get(cellKey(row, col));
        if (cell) cells.add(cell, nearestKm);
      });
      while (!cells.isEmpty) {
        if (!goOn(cells.nearestKm())) return;
        const { lats, lngs, values } = cells.take()!;
        for (let i = 0; i < lats.length; i++) {
          const km = circle.distanceTo(lats[i], lngs[i]);
          if (km >= 0) visit(values[i], km);
        }
      }
    } finally {
      cells.clear();
      this.spareQueue = cells;
    }
  }

  within(center: LatLng, radiusKm: number): Array<{ value: T; distanceKm: number }> {
    const found: Array<{ value: T; distanceKm: number }> = [];
    this.forEachWithin(center, radiusKm, (value, d) => found.push({ value, distanceKm: d }));
    return found;
  }
}
