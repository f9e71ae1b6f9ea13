import { quantileSorted } from 'simple-statistics';

/** 求人倍率: positions wanted per job seeker, two decimals; null when nobody was seeking. */
export function demandSupplyRatio(demand: number, seekers: number): number | null {
  if (seekers <= 0) return null;
  return Math.round((demand / seekers) * 100) / 100;
}

export interface WageLevels {
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  unit: 'day';
}

/** 工资价位: the five official points (低位数 10%, 25%, 中位数 50%, 75%, 高位数 90%), linear interpolation. */
export function wageLevels(dayWages: number[]): WageLevels | null {
  if (!dayWages.length) return null;
  const sorted = [...dayWages].sort((a, b) => a - b);
  const at = (p: number) => Math.round(quantileSorted(sorted, p) * 100) / 100;
  return { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9), unit: 'day' };
}

/** A hire's wage as a day wage: hourly rates times the shift's hours; piece rates have no day equivalent. */
export function dayWage(amount: number, unit: string, hours: number): number | null {
  if (unit === 'day') return amount;
  if (unit === 'hour') return Math.round(amount * hours * 100) / 100;
  return null;
}
