import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  test('gives the defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.production).toBe(false);
    expect(config.demoData).toBe(true);
    expect(config.dispatch).toMatchObject({ offerTtlS: 45, fanout: 2, startRadiusKm: 5, radiusGrowth: 1.5, maxRadiusKm: 50 });
    expect(config.presenceGraceS).toBe(60);
    expect(config.databasePoolSize).toBe(20);
  });

  test('reads numbers from strings; empty strings count as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      DISPATCH_FANOUT: '3',
      DISPATCH_OFFER_TTL_S: '',
      PRESENCE_GRACE_S: '0',
      DATABASE_POOL_SIZE: '8',
    });
    expect(config.port).toBe(8080);
    expect(config.databasePoolSize).toBe(8);
    expect(config.dispatch.fanout).toBe(3);
    expect(config.dispatch.offerTtlS).toBe(45);
    expect(config.presenceGraceS).toBe(0);
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DISPATCH_FANOUT', '0'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DISPATCH_RADIUS_GROWTH', '1'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://cache'],
    ['DEMO_DATA', 'maybe'],
    ['AUTH_SECRET', 'too-short'],
  ])('%s=%s throws a ConfigError naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}:`);
  });

  test('production without AUTH_SECRET throws, naming AUTH_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
  });

  test('production with a 32+ character AUTH_SECRET loads, uses it and turns demo data off', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET, DEMO_DATA: 'true' });
    expect(config.production).toBe(true);
    expect(config.authSecret).toBe(SECRET);
    expect(config.demoData).toBe(false);
  });

  test('accepts a postgres DATABASE_URL and a redis REDIS_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/linggong', REDIS_URL: 'redis://cache:6379' });
    expect(config.databaseUrl).toBe('postgresql://u:p@db:5432/linggong');
    expect(config.redisUrl).toBe('redis://cache:6379');
  });
});
