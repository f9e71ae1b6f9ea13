import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { operatorFields } from './market.rules.js';

const contracted = {
  operator: 'contracted' as const,
  operatorName: '某人力资源公司',
  contractStart: '2026-01-01',
  contractEnd: '2028-12-31',
};

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return err instanceof AppError ? err.details?.[0]?.field : 'not an AppError';
  }
  return undefined;
}

describe('market operator fields', () => {
  it('a contracted market keeps its operator and contract period', () => {
    expect(operatorFields(contracted)).toEqual(contracted);
  });

  it('a contracted market without its operator or either date is refused, naming the field', () => {
    expect(fieldOf(() => operatorFields({ ...contracted, operatorName: null }))).toBe('operatorName');
    expect(fieldOf(() => operatorFields({ ...contracted, contractStart: null }))).toBe('contractStart');
    expect(fieldOf(() => operatorFields({ ...contracted, contractEnd: null }))).toBe('contractEnd');
    expect(fieldOf(() => operatorFields({ ...contracted, contractEnd: '2025-12-31' }))).toBe('contractEnd');
  });

  it('a bureau-run market has no contract period, but may name the office behind it', () => {
    expect(operatorFields({ ...contracted, operator: 'co_branded' })).toEqual({
      operator: 'co_branded',
      operatorName: '某人力资源公司',
      contractStart: null,
      contractEnd: null,
    });
  });
});
