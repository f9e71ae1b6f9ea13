import { addDays, endOfChinaDay, chinaDateOf, weekday, type ChinaDate } from './china-date.js';
import type { HolidayYear } from './holiday-year.js';
import { HOLIDAY_YEARS } from './holiday-years.js';

export interface CalendarOptions {
  years?: HolidayYear[];
  /** Local days off beyond the notices (CALENDAR_EXTRA_HOLIDAYS). */
  extraHolidays?: ChinaDate[];
  /** Local make-up working days beyond the notices (CALENDAR_EXTRA_WORKDAYS). */
  extraWorkdays?: ChinaDate[];
  /** Told once per year that has no notice: those years count Monday to Friday only. */
  onMissingYear?: (year: number) => void;
}

/**
 * China's working days: Monday to Friday, less public holidays, plus make-up working days (调休), as the
 * State Council's notice for each year sets them. A year with no notice yet counts plain Monday to Friday
 * (and says so once): a case due then may be due a day early around a holiday, never silently late.
 */
export class WorkingCalendar {
  private readonly daysOff = new Set<ChinaDate>();
  private readonly workdays = new Set<ChinaDate>();
  private readonly known = new Set<number>();
  private readonly warned = new Set<number>();
  private readonly onMissingYear: (year: number) => void;

  constructor(options: CalendarOptions = {}) {
    for (const y of options.years ?? HOLIDAY_YEARS) {
      this.known.add(y.year);
      for (const h of y.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) this.daysOff.add(d);
      for (const d of y.workdays) this.workdays.add(d);
    }
    for (const d of options.extraHolidays ?? []) this.daysOff.add(d);
    for (const d of options.extraWorkdays ?? []) this.workdays.add(d);
    this.onMissingYear = options.onMissingYear ?? (() => {});
  }

  isWorkingDay(date: ChinaDate): boolean {
    this.checkYear(date);
    if (this.workdays.has(date)) return true;
    if (this.daysOff.has(date)) return false;
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** The n-th working day after `date` (n ≥ 1); `date` itself never counts, working or not. */
  addWorkingDays(date: ChinaDate, n: number): ChinaDate {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays needs a whole number ≥ 1, got ${n}`);
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** 23:59:59 China time of the `days`-th working day after the China-time day of `createdAt` (protocol Part 2). */
  dueAt(createdAt: Date, days: number): Date {
    return endOfChinaDay(this.addWorkingDays(chinaDateOf(createdAt), days));
  }

  private checkYear(date: ChinaDate): void {
    const year = Number(date.slice(0, 4));
    if (this.known.has(year) || this.warned.has(year)) return;
    this.warned.add(year);
    this.onMissingYear(year);
  }
}
