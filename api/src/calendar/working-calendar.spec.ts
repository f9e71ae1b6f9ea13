import { describe, expect, test } from '@jest/globals';
import { chinaDateOf, endOfChinaDay } from './china-date.js';
import { HOLIDAY_YEARS } from './holiday-years.js';
import { WorkingCalendar } from './working-calendar.js';

const calendar = new WorkingCalendar();

describe('WorkingCalendar', () => {
  test('weekends are off, weekdays on', () => {
    expect(calendar.isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-12-06')).toBe(false); // Sunday
  });

  test('across a weekend: Friday + 1 working day is Monday', () => {
    expect(calendar.addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(calendar.addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
  });

  test('across the National Day golden week, with the 调休 Saturday 10 October counting', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // a Saturday worked in exchange
    // Opened Wednesday 30 September: 8, 9, 10 (Sat), 12, 13 October.
    expect(calendar.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // 2025: 1-8 October off, Saturday 11 October worked.
    expect(calendar.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
  });

  test('a 调休 Sunday before the Spring Festival counts; the festival does not', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Saturday worked
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // after 15-23 February off
  });

  test('a case opened on a holiday counts from the next working day; the holiday itself never counts', () => {
    const openedOnHoliday = new Date('2026-10-03T02:00:00Z'); // 10:00 China time, National Day holiday
    expect(calendar.dueAt(openedOnHoliday, 1).toISOString()).toBe('2026-10-08T15:59:59.000Z');
  });

  test('dueAt is 23:59:59 China time and counts from the China-time day, not the UTC day', () => {
    // 2026-12-04 20:00 UTC is already Saturday 5 December in China: 1 working day → Monday 7.
    expect(calendar.dueAt(new Date('2026-12-04T20:00:00Z'), 1).toISOString()).toBe('2026-12-07T15:59:59.000Z');
    // 2026-12-04 10:00 UTC is Friday evening in China → Monday 7 as well.
    expect(calendar.dueAt(new Date('2026-12-04T10:00:00Z'), 1).toISOString()).toBe('2026-12-07T15:59:59.000Z');
    expect(chinaDateOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(endOfChinaDay('2026-12-07').toISOString()).toBe('2026-12-07T15:59:59.000Z');
  });

  test('a year with no notice counts Monday to Friday and warns once', () => {
    const missing: number[] = [];
    const cal = new WorkingCalendar({ onMissingYear: (y) => missing.push(y) });
    expect(cal.isWorkingDay('2027-10-01')).toBe(true); // a Friday; no notice for 2027 yet
    expect(cal.addWorkingDays('2027-10-01', 1)).toBe('2027-10-04');
    expect(missing).toEqual([2027]);
  });

  test('configured extra holidays and make-up days apply', () => {
    const cal = new WorkingCalendar({ extraHolidays: ['2026-12-07'], extraWorkdays: ['2026-12-12'] });
    expect(cal.isWorkingDay('2026-12-07')).toBe(false);
    expect(cal.isWorkingDay('2026-12-12')).toBe(true);
    expect(cal.addWorkingDays('2026-12-04', 1)).toBe('2026-12-08');
  });

  test('the notices’ make-up days are all weekend days, and their holidays all lie in their year', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const d of y.workdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      for (const h of y.holidays) {
        expect(h.from.startsWith(String(y.year))).toBe(true);
        expect(h.to >= h.from).toBe(true);
      }
    }
    // The 2026 notice: 元旦 1-3 January with Sunday 4 January worked.
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
  });
});
