import { describe, expect, test } from '@jest/globals';
import { distanceKm, KM_PER_DEG_LAT } from '../common/geo.js';
import { GridIndex } from './grid-index.js';
import { seededRandom as random } from '../../../test/support/seeded-random.js';

const LANZHOU = { lat: 36.06, lng: 103.83 };

describe('GridIndex.within', () => {
  test('returns exactly the points within the radius (brute force over 3000 points around Lanzhou)', () => {
    const rnd = random(7);
    const index = new GridIndex<string>();
    const points = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      // about ±80 km north-south and ±70 km east-west
      at: { lat: LANZHOU.lat + (rnd() - 0.5) * 1.4, lng: LANZHOU.lng + (rnd() - 0.5) * 1.6 },
    }));
    for (const p of points) index.put(p.id, p.at, p.id);

    for (const radiusKm of [0.5, 1, 2.2, 5, 12, 30, 60]) {
      for (let q = 0; q < 4; q++) {
        const center = { lat: LANZHOU.lat + (rnd() - 0.5) * 0.6, lng: LANZHOU.lng + (rnd() - 0.5) * 0.6 };
        const expected = points
          .filter((p) => distanceKm(center, p.at) <= radiusKm)
          .map((p) => p.id)
          .sort();
        const found = index.within(center, radiusKm);
        expect(found.map((f) => f.value).sort()).toEqual(expected);
        for (const f of found) {
          const exact = distanceKm(center, points[Number(f.value.slice(1))].at);
          expect(Math.abs(f.distanceKm - exact)).toBeLessThanOrEqual(exact * 0.001 + 1e-9);
        }
      }
    }
  });

  test('a point exactly on the radius, just past a cell boundary, is found', () => {
    const boundary = 36.06; // a multiple of the 0.02° cell size
    const point = { lat: boundary + 1e-7, lng: LANZHOU.lng };
    const center = { lat: point.lat - 0.49999 / KM_PER_DEG_LAT, lng: LANZHOU.lng };
    expect(distanceKm(center, point)).toBeLessThanOrEqual(0.5);
    const index = new GridIndex<string>();
    index.put('p', point, 'p');
    expect(index.within(center, 0.5).map((f) => f.value)).toEqual(['p']);
  });

  test('putting the same id twice moves it: one entry, at the new place', () => {
    const index = new GridIndex<string>();
    index.put('w1', LANZHOU, 'old');
    index.put('w1', { lat: 36.5, lng: 103.83 }, 'new');
    expect(index.size).toBe(1);
    expect(index.within(LANZHOU, 5)).toEqual([]);
    expect(index.within({ lat: 36.5, lng: 103.83 }, 1).map((f) => f.value)).toEqual(['new']);
  });

  test('remove takes the point out; removing an unknown id is harmless', () => {
    const index = new GridIndex<string>();
    index.put('w1', LANZHOU, 'a');
    index.put('w2', LANZHOU, 'b');
    index.remove('w1');
    index.remove('nobody');
    expect(index.size).toBe(1);
    expect(index.within(LANZHOU, 1).map((f) => f.value)).toEqual(['b']);
  });

  test('many puts, moves and removals in one cell keep every remaining point findable at its latest place', () => {
    const rnd = random(9);
    const index = new GridIndex<string>();
    const live = new Map<string, { lat: number; lng: number }>();
    for (let step = 0; step < 3000; step++) {
      const id = `w${Math.floor(rnd() * 200)}`;
      if (rnd() < 0.3) {
        index.remove(id);
        live.delete(id);
      } else {
        const at = { lat: LANZHOU.lat + rnd() * 0.015, lng: LANZHOU.lng + rnd() * 0.015 };
        index.put(id, at, id);
        live.set(id, at);
      }
    }
    expect(index.size).toBe(live.size);
    const found = index.within(LANZHOU, 5);
    expect(found.map((f) => f.value).sort()).toEqual([...live.keys()].sort());
    for (const f of found) expect(f.distanceKm).toBeCloseTo(distanceKm(LANZHOU, live.get(f.value)!), 3);
    expect(index.within(LANZHOU, 5).length).toBe(live.size);
  });
});

describe('GridIndex.forEachWithin', () => {
  const rnd = random(13);
  const index = new GridIndex<{ id: string; at: { lat: number; lng: number } }>();
  const points = Array.from({ length: 4000 }, (_, i) => ({
    id: `p${i}`,
    at: { lat: LANZHOU.lat + (rnd() - 0.5) * 0.5, lng: LANZHOU.lng + (rnd() - 0.5) * 0.6 },
  }));
  for (const p of points) index.put(p.id, p.at, p);

  test('asks before each cell with distances that never fall, and nobody it shows is nearer than the last asked', () => {
    for (let q = 0; q < 30; q++) {
      const center = { lat: LANZHOU.lat + (rnd() - 0.5) * 0.3, lng: LANZHOU.lng + (rnd() - 0.5) * 0.3 };
      let asked = -1;
      let asks = 0;
      const outOfOrder: string[] = [];
      index.forEachWithin(
        center,
        [1, 5, 12][q % 3],
        (p, km) => {
          if (km < asked) outOfOrder.push(`${p.id} at ${km} km shown after asking about ${asked} km`);
        },
        (km) => {
          if (km < asked) outOfOrder.push(`asked about ${km} km after ${asked} km`);
          asked = km;
          asks++;
          return true;
        },
      );
      expect(outOfOrder).toEqual([]);
      expect(asks).toBeGreaterThan(0);
    }
  });

  test('stops as soon as told: everyone it did not show within the radius is at least as far as the distance it was told no at', () => {
    for (let q = 0; q < 60; q++) {
      const center = { lat: LANZHOU.lat + (rnd() - 0.5) * 0.3, lng: LANZHOU.lng + (rnd() - 0.5) * 0.3 };
      const radiusKm = 2 + rnd() * 10;
      const stopAfter = Math.floor(rnd() * 30);
      const shown = new Set<string>();
      let asks = 0;
      let stoppedAt = Infinity;
      let shownAfterStop = 0;
      index.forEachWithin(
        center,
        radiusKm,
        (p) => {
          if (stoppedAt !== Infinity) shownAfterStop++;
          shown.add(p.id);
        },
        (km) => {
          if (++asks <= stopAfter) return true;
          stoppedAt = km;
          return false;
        },
      );
      expect(shownAfterStop).toBe(0);
      const missedNearer = points.filter((p) => {
        const d = distanceKm(center, p.at);
        return d <= radiusKm && !shown.has(p.id) && d < stoppedAt;
      });
      expect(missedNearer).toEqual([]);
    }
  });

  test('a search started from inside another search finds the same as on its own', () => {
    const outer = { lat: LANZHOU.lat, lng: LANZHOU.lng };
    const inner = { lat: LANZHOU.lat + 0.05, lng: LANZHOU.lng - 0.04 };
    const alone = index.within(inner, 4);
    const outerAlone = index.within(outer, 3);
    const nested: Array<ReturnType<typeof index.within>> = [];
    const outerFound: typeof outerAlone = [];
    index.forEachWithin(outer, 3, (value, km) => {
      outerFound.push({ value, distanceKm: km });
      if (nested.length < 3) nested.push(index.within(inner, 4));
    });
    expect(nested).toHaveLength(3);
    for (const found of nested) expect(found).toEqual(alone);
    expect(outerFound).toEqual(outerAlone);
  });
});
