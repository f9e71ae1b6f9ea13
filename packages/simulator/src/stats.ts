/** Small statistics for the report. */

/** Linear-interpolation percentile (p in 0..1) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Gini coefficient of non-negative amounts: 0 when everyone has the same, towards 1 when one has all.
 * 0 when nobody has anything (there is no inequality to speak of).
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((v, i) => (weighted += (i + 1) * v));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/**
 * The lowest Gini possible when `hires` whole hires are shared among `n` workers: everyone gets ⌊h/n⌋ and
 * the remainder one more. With fewer hires than workers somebody must go without, so this is above 0.
 */
export function evenGini(hires: number, n: number): number {
  if (n === 0) return 0;
  const base = Math.floor(hires / n);
  const extra = hires - base * n;
  return gini(Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0)));
}

export function round(v: number | null, digits = 2): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
