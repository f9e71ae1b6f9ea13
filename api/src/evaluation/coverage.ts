import type { LatLng } from '@linggong/protocol';
import { distanceKm, roundKm } from '../common/geo.js';
import type { DemandPoint } from './coverage.repository.js';

/** Grid cells of 0.01° (about 1.1 km north-south, 0.9 km east-west in Gansu). */
export const CELL_DEG = 0.01;

export interface CoverageCell extends LatLng {
  shifts: number;
  positions: number;
  waitingWorkers: number;
  nearestMarketKm: number | null;
  nearestMarketId: string | null;
}

const cellIndex = (v: number) => Math.floor(v / CELL_DEG + 1e-9);
const centre = (i: number) => Math.round((i + 0.5) * CELL_DEG * 10_000) / 10_000;

/**
 * Cells with demand whose centre has no market within `radiusKm`, most demand first (positions, then
 * waiting workers, then shifts). Demand: shifts posted in the cell, and distinct workers who waited there.
 */
export function uncoveredCells(points: DemandPoint[], markets: Array<LatLng & { id: string }>, radiusKm: number): CoverageCell[] {
  const cells = new Map<string, { lat: number; lng: number; shifts: number; positions: number; workers: Set<string> }>();
  for (const p of points) {
    const [i, j] = [cellIndex(p.lat), cellIndex(p.lng)];
    const key = `${i}:${j}`;
    const cell = cells.get(key) ?? { lat: centre(i), lng: centre(j), shifts: 0, positions: 0, workers: new Set<string>() };
    cell.shifts += p.shifts;
    cell.positions += p.positions;
    if (p.workerId) cell.workers.add(p.workerId);
    cells.set(key, cell);
  }
  const out: CoverageCell[] = [];
  for (const c of cells.values()) {
    const nearest = nearestMarket(c, markets);
    if (nearest && nearest.km <= radiusKm) continue;
    out.push({
      lat: c.lat,
      lng: c.lng,
      shifts: c.shifts,
      positions: c.positions,
      waitingWorkers: c.workers.size,
      nearestMarketKm: nearest ? roundKm(nearest.km) : null,
      nearestMarketId: nearest?.id ?? null,
    });
  }
  return out.sort(
    (a, b) => b.positions - a.positions || b.waitingWorkers - a.waitingWorkers || b.shifts - a.shifts || a.lat - b.lat || a.lng - b.lng,
  );
}

function nearestMarket(at: LatLng, markets: Array<LatLng & { id: string }>): { id: string; km: number } | null {
  let best: { id: string; km: number } | null = null;
  for (const m of markets) {
    const km = distanceKm(at, m);
    if (!best || km < best.km) best = { id: m.id, km };
  }
  return best;
}
