import { describe, expect, test } from '@jest/globals';
import { ageIn, effectivePriority, statedPriority } from './effective-priority.js';

const now = new Date('2026-12-31T17:00:00Z'); // already 2027-01-01 in China
const base = { priority: 'none' as const, priorityVerifiedAt: null, priorityClaim: null, birthYear: null };

describe('effective priority', () => {
  test('age is counted in the China-time year', () => {
    expect(ageIn(1977, now)).toBe(50);
  });

  test('a self-declared group counts for nothing until verified', () => {
    expect(effectivePriority({ ...base, priorityClaim: 'hard_to_employ' }, now, 50)).toBe('none');
    expect(effectivePriority({ ...base, priority: 'hard_to_employ', priorityVerifiedAt: now }, now, 50)).toBe('hard_to_employ');
  });

  test('older follows from the birth year and the configured threshold', () => {
    expect(effectivePriority({ ...base, birthYear: 1977 }, now, 50)).toBe('older');
    expect(effectivePriority({ ...base, birthYear: 1978 }, now, 50)).toBe('none');
    expect(effectivePriority({ ...base, birthYear: 1978 }, now, 45)).toBe('older');
  });

  test('a verified group wins over the derived one; people see the claim until then', () => {
    expect(effectivePriority({ ...base, birthYear: 1950, priority: 'hard_to_employ', priorityVerifiedAt: now }, now, 50)).toBe(
      'hard_to_employ',
    );
    expect(statedPriority({ ...base, priorityClaim: 'hard_to_employ' })).toEqual({ priority: 'hard_to_employ', priorityVerified: false });
    expect(statedPriority({ ...base, priority: 'older', priorityVerifiedAt: now })).toEqual({ priority: 'older', priorityVerified: true });
  });
});
