import { describe, expect, it } from '@jest/globals';
import { regionCovers, regionPrefix } from './region-scope.js';

describe('region scope', () => {
  it('a province covers its cities and counties, not another province', () => {
    expect(regionCovers('620000', '620100')).toBe(true);
    expect(regionCovers('620000', '620102')).toBe(true);
    expect(regionCovers('620000', '630102')).toBe(false);
  });

  it('a city covers its counties only', () => {
    expect(regionCovers('620100', '620102')).toBe(true);
    expect(regionCovers('620100', '620100')).toBe(true);
    expect(regionCovers('620100', '620502')).toBe(false);
  });

  it('a county covers itself only, and nothing covers a missing code', () => {
    expect(regionCovers('620102', '620102')).toBe(true);
    expect(regionCovers('620102', '620103')).toBe(false);
    expect(regionCovers('620000', null)).toBe(false);
    expect(regionPrefix('620102')).toBe('620102');
  });
});
