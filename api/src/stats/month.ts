/** Gansu keeps China Standard Time (UTC+8, no daylight saving): days and months are counted there. */
const CHINA_OFFSET_MS = 8 * 3600_000;

export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaMonth(at: Date): string {
  return chinaDate(at).slice(0, 7);
}

/** [start, end) of a calendar month in China time, as UTC instants. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
  const end = new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS);
  return { start, end };
}

export function startOfChinaDay(at: Date): Date {
  return new Date(Date.parse(`${chinaDate(at)}T00:00:00Z`) - CHINA_OFFSET_MS);
}
