import { describe, expect, test } from '@jest/globals';
import { periodRange, previousPeriod } from './period.js';
import { exitFlag, grade, scoreAll, scoreMetric, type Metrics } from './scoring.js';
import { bandProblems, DEFAULT_THRESHOLDS, effectiveThresholds } from './thresholds.js';

describe('scoring one metric', () => {
  test('higher is better: at pass passes, at fail needs improvement, below fail fails', () => {
    const band = { pass: 0.8, fail: 0.5 };
    expect(scoreMetric('fillRate', 0.8, band)).toBe('pass');
    expect(scoreMetric('fillRate', 0.79, band)).toBe('improve');
    expect(scoreMetric('fillRate', 0.5, band)).toBe('improve');
    expect(scoreMetric('fillRate', 0.49, band)).toBe('fail');
    expect(scoreMetric('fillRate', null, band)).toBeNull();
  });

  test('lower is better: at pass passes, at fail needs improvement, above fail fails', () => {
    const band = { pass: 60, fail: 240 };
    expect(scoreMetric('timeToFillP50Min', 60, band)).toBe('pass');
    expect(scoreMetric('timeToFillP50Min', 61, band)).toBe('improve');
    expect(scoreMetric('timeToFillP50Min', 240, band)).toBe('improve');
    expect(scoreMetric('timeToFillP50Min', 240.1, band)).toBe('fail');
    expect(scoreMetric('overdueCases', 0, { pass: 0, fail: 0 })).toBe('pass');
    expect(scoreMetric('overdueCases', 1, { pass: 0, fail: 0 })).toBe('fail');
  });

  test('a quarter holds overdue cases to three months of the monthly band', () => {
    const m: Metrics = {
      served: 0,
      fillRate: null,
      timeToFillP50Min: null,
      casesClosed: 0,
      casesClosedInTime: 0,
      casesClosedInTimeRate: null,
      overdueCases: 9,
      staffOnDuty: 0,
      servedPerStaff: null,
    };
    const t = { ...DEFAULT_THRESHOLDS, overdueCases: { pass: 1, fail: 3 } };
    expect(scoreAll(m, t, 1).overdueCases).toBe('fail');
    expect(scoreAll(m, t, 3).overdueCases).toBe('improve');
    expect(scoreAll({ ...m, overdueCases: 3 }, t, 3).overdueCases).toBe('pass');
  });
});

describe('grade and exit', () => {
  test('the grade is the worst score; nothing scored passes', () => {
    expect(grade({ a: 'pass', b: 'improve', c: null })).toBe('improve');
    expect(grade({ a: 'pass', b: 'improve', c: 'fail' })).toBe('fail');
    expect(grade({ a: null, b: null })).toBe('pass');
  });

  test('only a contracted market failing twice in a row is flagged', () => {
    expect(exitFlag('contracted', 'fail', 'fail')).toBe(true);
    expect(exitFlag('contracted', 'fail', 'improve')).toBe(false);
    expect(exitFlag('contracted', 'fail', undefined)).toBe(false);
    expect(exitFlag('contracted', 'improve', 'fail')).toBe(false);
    expect(exitFlag('hrss', 'fail', 'fail')).toBe(false);
    expect(exitFlag('co_branded', 'fail', 'fail')).toBe(false);
  });
});

describe('thresholds', () => {
  test('the nearest set wins metric by metric, then the defaults', () => {
    const county = { fillRate: { pass: 0.9, fail: 0.6 } };
    const city = { fillRate: { pass: 0.7, fail: 0.4 }, overdueCases: { pass: 1, fail: 5 } };
    expect(effectiveThresholds([county, undefined, city])).toEqual({ ...DEFAULT_THRESHOLDS, ...county, overdueCases: city.overdueCases });
    expect(effectiveThresholds([undefined])).toEqual(DEFAULT_THRESHOLDS);
  });

  test('a band must make passing at least as hard as not failing', () => {
    expect(bandProblems({ fillRate: { pass: 0.5, fail: 0.5 }, overdueCases: { pass: 0, fail: 0 } })).toEqual([]);
    expect(bandProblems({ fillRate: { pass: 0.4, fail: 0.5 }, overdueCases: { pass: 2, fail: 1 } })).toEqual(['fillRate', 'overdueCases']);
  });
});

describe('periods', () => {
  test('months and quarters in China time, and the period before', () => {
    expect(periodRange('2025-01')).toEqual({ start: new Date('2024-12-31T16:00:00Z'), end: new Date('2025-01-31T16:00:00Z'), months: 1 });
    expect(periodRange('2025-Q4')).toEqual({ start: new Date('2025-09-30T16:00:00Z'), end: new Date('2025-12-31T16:00:00Z'), months: 3 });
    expect(previousPeriod('2025-01')).toBe('2024-12');
    expect(previousPeriod('2025-11')).toBe('2025-10');
    expect(previousPeriod('2025-Q1')).toBe('2024-Q4');
    expect(previousPeriod('2025-Q3')).toBe('2025-Q2');
  });
});
