import { describe, expect, test } from '@jest/globals';
import { isLoopback, mayShowDevCode } from './loopback.js';

describe('development conveniences stay on this machine', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.100.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  test('a LAN request gets no devCode unless DEV_CODES_ANY_HOST; production never', () => {
    const dev = { production: false, devCodesAnyHost: false };
    expect(mayShowDevCode(dev, '127.0.0.1')).toBe(true);
    expect(mayShowDevCode(dev, '192.168.1.20')).toBe(false);
    expect(mayShowDevCode({ ...dev, devCodesAnyHost: true }, '192.168.1.20')).toBe(true);
    expect(mayShowDevCode({ production: true, devCodesAnyHost: true }, '127.0.0.1')).toBe(false);
  });
});
