/** China time (Asia/Shanghai) has had no daylight saving since 1991: a fixed UTC+8. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** A calendar date in China time, as YYYY-MM-DD. */
export type ChinaDate = string;

/** The China-time date of an instant. */
export function chinaDateOf(at: Date): ChinaDate {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00 China time of that date, as an instant. */
export function startOfChinaDay(date: ChinaDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** 23:59:59 China time of that date, as an instant. */
export function endOfChinaDay(date: ChinaDate): Date {
  return new Date(startOfChinaDay(date).getTime() + DAY_MS - 1000);
}

export function addDays(date: ChinaDate, n: number): ChinaDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: ChinaDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isChinaDate(value: string): value is ChinaDate {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;
}
