import { describe, expect, test } from '@jest/globals';
import { dayWage, demandSupplyRatio, wageLevels } from './formula.js';

describe('demandSupplyRatio', () => {
  test('is null when nobody was seeking', () => {
    expect(demandSupplyRatio(5, 0)).toBeNull();
    expect(demandSupplyRatio(0, 0)).toBeNull();
  });

  test('is positions per seeker, to two decimals', () => {
    expect(demandSupplyRatio(10, 3)).toBe(3.33);
    expect(demandSupplyRatio(2, 3)).toBe(0.67);
    expect(demandSupplyRatio(0, 4)).toBe(0);
    expect(demandSupplyRatio(6, 4)).toBe(1.5);
  });
});

describe('wageLevels', () => {
  test('is null for no wages', () => {
    expect(wageLevels([])).toBeNull();
  });

  test('gives the five points with linear interpolation for 1..100', () => {
    const wages = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(wageLevels(wages)).toEqual({ p10: 10.9, p25: 25.75, p50: 50.5, p75: 75.25, p90: 90.1, unit: 'day' });
  });

  test('interpolates between the two nearest wages in a short list', () => {
    expect(wageLevels([100, 200, 300, 400, 500])).toEqual({ p10: 140, p25: 200, p50: 300, p75: 400, p90: 460, unit: 'day' });
  });

  test('a single wage is every point', () => {
    expect(wageLevels([180])).toEqual({ p10: 180, p25: 180, p50: 180, p75: 180, p90: 180, unit: 'day' });
  });

  test('unsorted input gives the same levels and is left untouched', () => {
    const unsorted = [300, 120, 500, 200, 400, 100];
    const copy = [...unsorted];
    expect(wageLevels(unsorted)).toEqual(wageLevels([...unsorted].sort((a, b) => a - b)));
    expect(wageLevels(unsorted)!.p50).toBe(250);
    expect(unsorted).toEqual(copy);
  });
});

describe('dayWage', () => {
  test('a day wage is itself', () => {
    expect(dayWage(200, 'day', 8)).toBe(200);
  });

  test('an hourly wage is rate × hours, to cents', () => {
    expect(dayWage(25, 'hour', 8)).toBe(200);
    expect(dayWage(23.3, 'hour', 7.5)).toBe(174.75);
    expect(dayWage(10, 'hour', 1 / 3)).toBe(3.33);
  });

  test('a piece rate has no day equivalent', () => {
    expect(dayWage(2, 'piece', 8)).toBeNull();
  });
});
