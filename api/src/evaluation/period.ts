import { monthRange } from '../stats/month.js';

/** An evaluation period: a calendar month ('2026-11') or quarter ('2026-Q4'), in China time. */
export const PERIOD = /^(20\d{2})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

export interface PeriodRange {
  start: Date;
  end: Date;
  /** 1 for a month, 3 for a quarter: count thresholds are per month and scale with it. */
  months: number;
}

function parse(period: string): { year: number; month?: number; quarter?: number } {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : undefined, quarter: m[3] ? Number(m[3]) : undefined };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** [start, end) of the period as UTC instants. */
export function periodRange(period: string): PeriodRange {
  const { year, month, quarter } = parse(period);
  if (month) return { ...monthRange(period), months: 1 };
  const first = (quarter! - 1) * 3 + 1;
  return { start: monthRange(`${year}-${pad(first)}`).start, end: monthRange(`${year}-${pad(first + 2)}`).end, months: 3 };
}

/** The period just before, of the same kind: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4. */
export function previousPeriod(period: string): string {
  const { year, month, quarter } = parse(period);
  if (month) return month === 1 ? `${year - 1}-12` : `${year}-${pad(month - 1)}`;
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter! - 1}`;
}
