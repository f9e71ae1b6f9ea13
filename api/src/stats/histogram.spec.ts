import { describe, expect, test } from '@jest/globals';
import { wageLevels } from './formula.js';
import { histogramQuantile, histogramWageLevels, mergeHistograms, p50p90 } from './histogram.js';
import { runsOf, addMonth } from './figures-rollup.service.js';
import { splitSpan, levelOf } from './figures-source.js';

const expand = (h: Array<{ value: number; n: number }>) => h.flatMap(({ value, n }) => Array<number>(n).fill(value));

describe('histograms', () => {
  test('five wage points from counts equal wageLevels on the expanded list', () => {
    const cases = [
      [
        { value: 200, n: 2 },
        { value: 210, n: 1 },
      ],
      [
        { value: 150, n: 7 },
        { value: 180.5, n: 3 },
        { value: 350, n: 1 },
      ],
      [{ value: 300, n: 1 }],
      Array.from({ length: 40 }, (_, i) => ({ value: 100 + i * 7, n: 1 + (i % 5) })),
    ];
    for (const h of cases) expect(histogramWageLevels(h)).toEqual(wageLevels(expand(h)));
    expect(histogramWageLevels([])).toBeNull();
  });

  test('merging adds the counts of equal values and sorts', () => {
    expect(
      mergeHistograms(
        [
          { value: 3, n: 1 },
          { value: 1, n: 2 },
        ],
        [{ value: 3, n: 4 }],
      ),
    ).toEqual([
      { value: 1, n: 2 },
      { value: 3, n: 5 },
    ]);
  });

  test('median and 90th percentile of minutes to fill', () => {
    expect(
      p50p90([
        { value: 35, n: 1 },
        { value: 60, n: 1 },
        { value: 120, n: 2 },
      ]),
    ).toEqual({ p50: 90, p90: 120 });
    expect(p50p90([])).toBeNull();
    expect(histogramQuantile([{ value: 10, n: 1 }], 0.9)).toBe(10);
  });
});

describe('rollup spans', () => {
  test('stale days become runs of consecutive days', () => {
    expect(runsOf(['2024-03-02', '2024-02-29', '2024-03-01', '2024-03-05'])).toEqual([
      { from: '2024-02-29', to: '2024-03-03' },
      { from: '2024-03-05', to: '2024-03-06' },
    ]);
    expect(addMonth('2024-12-01')).toBe('2025-01-01');
  });

  test('closed days are read from the rollups, today on live', () => {
    const march = { from: '2024-03-01', to: '2024-04-01' };
    expect(splitSpan(march, '2026-12-07')).toEqual({ closed: march, live: null });
    expect(splitSpan(march, '2024-03-10')).toEqual({
      closed: { from: '2024-03-01', to: '2024-03-10' },
      live: { from: '2024-03-10', to: '2024-04-01' },
    });
    expect(splitSpan(march, '2024-01-01')).toEqual({ closed: null, live: march });
    expect(splitSpan(march, '2026-12-07', true)).toEqual({ closed: null, live: march });
  });

  test('levels', () => {
    expect(levelOf({ regionCode: '620000' })).toBe('province');
    expect(levelOf({ regionCode: '620100' })).toBe('city');
    expect(levelOf({ regionCode: '620102' })).toBe('county');
    expect(levelOf({ regionCode: '620102', marketId: 'x' })).toBe('market');
  });
});
