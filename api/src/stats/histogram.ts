import type { WageLevels } from './formula.js';

/** Values with how many times each occurs, as the rollups keep wages and times to fill. */
export type Histogram = Array<{ value: number; n: number }>;

/** Adds histograms together, sorted by value. */
export function mergeHistograms(...parts: Histogram[]): Histogram {
  const counts = new Map<number, number>();
  for (const part of parts) for (const { value, n } of part) counts.set(value, (counts.get(value) ?? 0) + n);
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([value, n]) => ({ value, n }));
}

/** The k-th value (0-based) of the sorted list the histogram stands for. */
function valueAt(sorted: Histogram, k: number): number {
  let seen = 0;
  for (const { value, n } of sorted) {
    seen += n;
    if (k < seen) return value;
  }
  return sorted[sorted.length - 1].value;
}

/** The same quantile as simple-statistics' quantileSorted (linear, type 7) on the expanded list. */
export function histogramQuantile(sorted: Histogram, p: number): number | null {
  const total = sorted.reduce((a, b) => a + b.n, 0);
  if (!total) return null;
  const idx = (total - 1) * p;
  const lower = Math.floor(idx);
  const low = valueAt(sorted, lower);
  if (lower === idx) return low;
  return low + (idx - lower) * (valueAt(sorted, Math.ceil(idx)) - low);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** 工资价位 five points from a histogram of day wages (formula.ts `wageLevels` on the expanded list). */
export function histogramWageLevels(hist: Histogram): WageLevels | null {
  const sorted = mergeHistograms(hist);
  const at = (p: number) => round2(histogramQuantile(sorted, p)!);
  if (!sorted.length) return null;
  return { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9), unit: 'day' };
}

/** Median and 90th percentile, or null when there is nothing. */
export function p50p90(hist: Histogram): { p50: number; p90: number } | null {
  const sorted = mergeHistograms(hist);
  if (!sorted.length) return null;
  return { p50: round2(histogramQuantile(sorted, 0.5)!), p90: round2(histogramQuantile(sorted, 0.9)!) };
}
