import { describe, expect, test } from '@jest/globals';
import { AppError, fieldError, languageOf } from './errors.js';

describe('languageOf', () => {
  test.each([
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    [['en-US', 'zh-CN'], 'en'],
    ['zh-CN', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['eng', 'zh'],
    ['', 'zh'],
    [undefined, 'zh'],
  ])('%j → %s', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });
});

describe('AppError', () => {
  test('toBody gives the code and the message in the asked language, without details when there are none', () => {
    const error = new AppError('SHIFT_FILLED');
    expect(error.status).toBe(409);
    expect(error.toBody('zh')).toEqual({ code: 'SHIFT_FILLED', message: '该工作已招满' });
    expect(error.toBody('en')).toEqual({ code: 'SHIFT_FILLED', message: 'This shift is already filled' });
  });

  test('fieldError carries one field in both languages', () => {
    const error = fieldError('phone', '手机号不正确', 'The phone number is wrong');
    expect(error.toBody('en').details).toEqual([{ field: 'phone', message: 'The phone number is wrong' }]);
    expect(error.toBody('zh').details).toEqual([{ field: 'phone', message: '手机号不正确' }]);
  });
});
