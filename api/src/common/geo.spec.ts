import { describe, expect, test } from '@jest/globals';
import { getDistance } from 'geolib';
import { distanceKm, LocalPlane } from './geo.js';
import { seededRandom as random } from '../../../test/support/seeded-random.js';

const LANZHOU = { lat: 36.06, lng: 103.83 };

const around = (rnd: () => number, spanDeg: number, from = LANZHOU) => ({
  lat: from.lat + (rnd() - 0.5) * spanDeg,
  lng: from.lng + (rnd() - 0.5) * spanDeg,
});

describe('distanceKm', () => {
  test('agrees with geolib to the metre (2,000 random pairs across China)', () => {
    const rnd = random(3);
    for (let i = 0; i < 2000; i++) {
      const a = { lat: 20 + rnd() * 30, lng: 80 + rnd() * 45 };
      const b = rnd() < 0.5 ? around(rnd, 1, a) : { lat: 20 + rnd() * 30, lng: 80 + rnd() * 45 };
      const expected = getDistance({ latitude: a.lat, longitude: a.lng }, { latitude: b.lat, longitude: b.lng }, 1) / 1000;
      expect(Math.abs(distanceKm(a, b) - expected)).toBeLessThanOrEqual(0.001);
    }
  });

  test('is zero at the same point and symmetric', () => {
    expect(distanceKm(LANZHOU, LANZHOU)).toBe(0);
    const other = { lat: 34.58, lng: 105.72 };
    expect(distanceKm(LANZHOU, other)).toBeCloseTo(distanceKm(other, LANZHOU), 12);
  });
});

describe('LocalPlane', () => {
  test('within 50 km its distance differs from the great circle by under 0.1%', () => {
    const rnd = random(5);
    for (let i = 0; i < 2000; i++) {
      const center = { lat: 18 + rnd() * 35, lng: 75 + rnd() * 50 };
      const plane = new LocalPlane(center);
      const p = around(rnd, 0.8, center);
      const exact = distanceKm(center, p);
      if (exact > 50 || exact < 0.01) continue;
      expect(Math.abs(Math.sqrt(plane.squaredKm(p.lat, p.lng)) - exact) / exact).toBeLessThan(0.001);
    }
  });

  test('reachDeg gives a box that holds the circle', () => {
    const plane = new LocalPlane(LANZHOU);
    const reach = plane.reachDeg(10);
    expect(distanceKm(LANZHOU, { lat: LANZHOU.lat + reach.lat, lng: LANZHOU.lng })).toBeCloseTo(10, 2);
    expect(distanceKm(LANZHOU, { lat: LANZHOU.lat, lng: LANZHOU.lng + reach.lng })).toBeCloseTo(10, 1);
  });
});
