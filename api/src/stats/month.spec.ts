import { describe, expect, test } from '@jest/globals';
import { chinaDate, chinaMonth, monthRange, startOfChinaDay } from './month.js';

describe('chinaDate', () => {
  test('counts the day in China time (UTC+8)', () => {
    expect(chinaDate(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(chinaDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  test('chinaMonth follows the China date across a month and a year', () => {
    expect(chinaMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(chinaMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });
});

describe('monthRange', () => {
  test('December 2026 runs from midnight 1 Dec to midnight 1 Jan, China time', () => {
    const { start, end } = monthRange('2026-12');
    expect(start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  test('February has its own length, including leap years', () => {
    expect(monthRange('2027-02').end.toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(monthRange('2028-02').end.toISOString()).toBe('2028-02-29T16:00:00.000Z');
  });

  test('every instant of the month falls in [start, end)', () => {
    const { start, end } = monthRange('2026-12');
    expect(chinaMonth(start)).toBe('2026-12');
    expect(chinaMonth(new Date(end.getTime() - 1))).toBe('2026-12');
    expect(chinaMonth(new Date(start.getTime() - 1))).toBe('2026-11');
    expect(chinaMonth(end)).toBe('2027-01');
  });
});

describe('startOfChinaDay', () => {
  test('is midnight China time of the China day', () => {
    expect(startOfChinaDay(new Date('2026-11-30T16:30:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfChinaDay(new Date('2026-12-01T15:59:59Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfChinaDay(new Date('2026-12-01T03:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfChinaDay(new Date('2026-11-30T15:00:00Z')).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});
