import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { AppError } from './errors.js';
import { parseInput } from './validation.js';

const ShiftInput = z.object({
  title: z.string().min(2),
  headcount: z.number().int().positive(),
  wage: z.object({ amount: z.number().positive(), unit: z.enum(['day', 'hour', 'piece']) }),
});

function failure(value: unknown): AppError {
  try {
    parseInput(ShiftInput, value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parseInput accepted invalid input');
}

const HAN = /\p{Script=Han}/u;

describe('parseInput', () => {
  test('returns the parsed value when the input is valid', () => {
    const input = { title: '搬运工', headcount: 2, wage: { amount: 200, unit: 'day' } };
    expect(parseInput(ShiftInput, input)).toEqual(input);
  });

  test('a failure is VALIDATION_FAILED with status 400', () => {
    const error = failure({ title: '搬运工', headcount: 2, wage: { amount: -1, unit: 'day' } });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  test('details name each bad field, with a Chinese message for zh and an English one for en', () => {
    const error = failure({ title: 'x', headcount: 0, wage: { amount: -5, unit: 'week' } });

    const zh = error.toBody('zh');
    const en = error.toBody('en');
    const fields = ['title', 'headcount', 'wage.amount', 'wage.unit'];
    expect(zh.code).toBe('VALIDATION_FAILED');
    expect(zh.message).toBe('输入有误，请检查标出的项目');
    expect(en.message).toBe('Some fields are invalid');
    expect(zh.details?.map((d) => d.field).sort()).toEqual([...fields].sort());
    expect(en.details?.map((d) => d.field)).toEqual(zh.details?.map((d) => d.field));

    for (const d of zh.details ?? []) expect(d.message).toMatch(HAN);
    for (const d of en.details ?? []) {
      expect(d.message).not.toMatch(HAN);
      expect(d.message).toMatch(/[a-z]{3,}/i);
    }
  });

  test('a missing nested object and a wrong type are named too', () => {
    const en = failure({ title: '搬运工', headcount: 'two' }).toBody('en');
    expect(en.details?.map((d) => d.field).sort()).toEqual(['headcount', 'wage']);
  });

  test('a body that is not an object is reported as (body)', () => {
    const zh = failure('nonsense').toBody('zh');
    expect(zh.details?.map((d) => d.field)).toEqual(['(body)']);
  });
});
