import { describe, expect, test } from '@jest/globals';
import { dispatchDeadline, offersWanted, waveRadii, type WavePolicy } from './wave-plan.js';

const policy: WavePolicy = { fanout: 2, startRadiusKm: 5, radiusGrowth: 1.5, maxRadiusKm: 50 };

describe('offersWanted', () => {
  test('is the remaining slots × fan-out, rounded up, less the open offers', () => {
    expect(offersWanted(3, 0, 0, 2)).toBe(6);
    expect(offersWanted(3, 1, 0, 2)).toBe(4);
    expect(offersWanted(3, 1, 3, 2)).toBe(1);
    expect(offersWanted(3, 0, 0, 1.5)).toBe(5); // 4.5 rounds up
    expect(offersWanted(1, 0, 0, 1.2)).toBe(2);
  });

  test('is never negative when more offers are open than wanted', () => {
    expect(offersWanted(2, 1, 10, 2)).toBe(0);
  });

  test('is 0 when the shift is full or over-filled, whatever is open', () => {
    expect(offersWanted(3, 3, 0, 2)).toBe(0);
    expect(offersWanted(3, 5, 0, 2)).toBe(0);
  });
});

describe('waveRadii', () => {
  test('the first wave starts at startRadiusKm and grows ×growth up to exactly maxRadiusKm', () => {
    const radii = waveRadii(0, policy);
    expect(radii[0]).toBe(5);
    expect(radii.at(-1)).toBe(50);
    for (let i = 1; i < radii.length - 1; i++) expect(radii[i]).toBeCloseTo(radii[i - 1] * 1.5, 10);
    expect(radii.at(-1)! / radii.at(-2)!).toBeLessThanOrEqual(1.5 + 1e-12);
    expect(radii).toEqual([5, 7.5, 11.25, 16.875, 25.3125, 37.96875, 50]);
  });

  test('a later wave starts at the previous radius × growth', () => {
    expect(waveRadii(10, policy)[0]).toBe(15);
    expect(waveRadii(10, policy).at(-1)).toBe(50);
  });

  test('never exceeds maxRadiusKm, even when the previous or start radius is beyond it', () => {
    expect(waveRadii(40, policy)).toEqual([50]);
    expect(waveRadii(50, policy)).toEqual([50]);
    expect(waveRadii(0, { ...policy, startRadiusKm: 80 })).toEqual([50]);
    for (const growth of [1.05, 1.5, 2, 5]) {
      for (const previous of [0, 0.3, 3, 12, 49.9]) {
        const radii = waveRadii(previous, { ...policy, radiusGrowth: growth });
        expect(Math.max(...radii)).toBe(50);
        expect(radii.at(-1)).toBe(50);
        for (let i = 1; i < radii.length; i++) expect(radii[i]).toBeGreaterThan(radii[i - 1]);
      }
    }
  });
});

describe('dispatchDeadline', () => {
  const at = (iso: string) => new Date(iso);

  test('is two hours after the start for a long shift', () => {
    expect(dispatchDeadline(at('2026-12-01T00:00:00Z'), at('2026-12-01T09:00:00Z'))).toEqual(at('2026-12-01T02:00:00Z'));
  });

  test('is the end when the shift is shorter than two hours', () => {
    expect(dispatchDeadline(at('2026-12-01T00:00:00Z'), at('2026-12-01T01:30:00Z'))).toEqual(at('2026-12-01T01:30:00Z'));
  });
});
