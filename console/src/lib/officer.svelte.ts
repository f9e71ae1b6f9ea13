import { chinaDate } from './format.js';
import { figuresRegion } from './session.svelte.js';

/** The region and month the officer's screens show, kept across screens (not across sign-ins). */
export const area = $state<{ regionCode: string | null; month: string }>({
  regionCode: null,
  month: thisMonth(),
});

export function thisMonth(): string {
  return chinaDate().slice(0, 7);
}

/** The previous China-time month of `month` ("2026-01" → "2025-12"). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The region shown: the one chosen, else the account's own. */
export function currentRegion(): string | null {
  return area.regionCode ?? figuresRegion();
}

export function chooseRegion(code: string): void {
  area.regionCode = code;
}

/** The quarter of a month: "2026-11" → "2026-Q4". */
export function quarterOf(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
}

/** This month and the `count - 1` before it, newest first. */
export function recentMonths(count: number): string[] {
  const out = [thisMonth()];
  while (out.length < count) out.push(previousMonth(out[out.length - 1]));
  return out;
}
