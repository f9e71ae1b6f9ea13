import type { PhysicalDemand, Wage, WageUnit } from '@linggong/protocol';

/** Markets keep Beijing time whatever the display's own clock zone is. */
const ZONE = 'Asia/Shanghai';

const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const monthDay = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, month: 'long', day: 'numeric' });
const weekday = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, weekday: 'long' });
const dateEn = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short' });

export const clockTime = (at: Date): string => hhmm.format(at);
export const clockDate = (at: Date): string => `${monthDay.format(at)} ${weekday.format(at)}`;
export const clockDateEn = (at: Date): string => dateEn.format(at);

const DAY_MS = 86_400_000;

/** "今天 08:00", "明天 07:30" or "11月28日 08:00", in Beijing time. */
export function startDay(iso: string, now: Date): { zh: string; en: string } {
  const at = new Date(iso);
  const day = dayKey.format(at);
  if (day === dayKey.format(now)) return { zh: '今天', en: 'Today' };
  if (day === dayKey.format(new Date(now.getTime() + DAY_MS))) return { zh: '明天', en: 'Tomorrow' };
  return { zh: monthDay.format(at), en: dateEn.format(at) };
}

const UNITS: Record<WageUnit, { zh: string; en: string }> = {
  day: { zh: '元/天', en: '¥ per day' },
  hour: { zh: '元/小时', en: '¥ per hour' },
  piece: { zh: '元/件', en: '¥ per piece' },
};

export const wageUnit = (unit: WageUnit) => UNITS[unit] ?? { zh: '元', en: '¥' };

/** 180 → "180", 25.5 → "25.5": yuan with at most two decimals, no trailing zeros. */
export const wageAmount = (wage: Wage): string => String(Math.round(wage.amount * 100) / 100);

export const distance = (km: number): string => (km < 10 ? km.toFixed(1) : String(Math.round(km)));

export const PHYSICAL: Record<PhysicalDemand, { zh: string; en: string }> = {
  light: { zh: '体力轻', en: 'Light work' },
  moderate: { zh: '体力中等', en: 'Moderate work' },
  heavy: { zh: '体力重', en: 'Heavy work' },
};

/** 求人倍率 with two decimals, or a dash when nobody was seeking work (ratio undefined). */
export const ratio = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(2);

/** A count, "1234+" when it is only a lower bound (a list hit its limit), or a dash before it is known. */
export const countText = (value: number | null, capped = false): string => (value === null ? '—' : capped ? `${value}+` : String(value));
