import type { LatLng } from '@linggong/protocol';
import { distanceKm } from './geo.js';

const CELL_DEG = 0.02; // about 2.2 km north-south
const KM_PER_DEG_LAT = 111.32;

function cellOf(p: LatLng): [number, number] {
  return [Math.floor(p.lat / CELL_DEG), Math.floor(p.lng / CELL_DEG)];
}

/** A uniform lat/lng grid: a radius query scans only the cells the circle's bounding box touches. */
export class GridIndex<T> {
  private readonly cells = new Map<string, Map<string, { at: LatLng; value: T }>>();
  private readonly where = new Map<string, string>();

  get size(): number {
    return this.where.size;
  }

  put(id: string, at: LatLng, value: T): void {
    this.remove(id);
    const key = cellOf(at).join(':');
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Map<string, { at: LatLng; value: T }>()));
    cell.set(id, { at, value });
    this.where.set(id, key);
  }

  remove(id: string): void {
    const key = this.where.get(id);
    if (key === undefined) return;
    const cell = this.cells.get(key);
    cell?.delete(id);
    if (cell?.size === 0) this.cells.delete(key);
    this.where.delete(id);
  }

  within(center: LatLng, radiusKm: number): Array<{ value: T; distanceKm: number }> {
    // A little margin: distances are rounded to the metre and the grid's degree length is approximate.
    const reach = radiusKm * 1.001 + 0.01;
    const dLat = reach / KM_PER_DEG_LAT;
    const dLng = reach / (KM_PER_DEG_LAT * Math.max(Math.cos((center.lat * Math.PI) / 180), 0.01));
    const [r0, c0] = cellOf({ lat: center.lat - dLat, lng: center.lng - dLng });
    const [r1, c1] = cellOf({ lat: center.lat + dLat, lng: center.lng + dLng });
    const found: Array<{ value: T; distanceKm: number }> = [];
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        for (const entry of this.cells.get(`${r}:${c}`)?.values() ?? []) {
          const d = distanceKm(center, entry.at);
          if (d <= radiusKm) found.push({ value: entry.value, distanceKm: d });
        }
      }
    }
    return found;
  }
}
