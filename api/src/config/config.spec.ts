import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  test('outside production with no AUTH_SECRET the secret is random, and kept beside the embedded database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-config-'));
    const first = loadConfig({ DATA_DIR: dir }).authSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first);
    expect(loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lg-config-')) }).authSecret).not.toBe(first);
    expect(fs.statSync(path.join(dir, '.auth-secret')).mode & 0o077).toBe(0);
    const a = loadConfig({ DATA_DIR: 'memory://' }).authSecret;
    expect(loadConfig({ DATA_DIR: 'memory://' }).authSecret).not.toBe(a);
  });

  test('DEV_CODES_ANY_HOST is off by default and never on in production', () => {
    expect(loadConfig({ DATA_DIR: 'memory://' }).devCodesAnyHost).toBe(false);
    expect(loadConfig({ DATA_DIR: 'memory://', DEV_CODES_ANY_HOST: '1' }).devCodesAnyHost).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET, DEV_CODES_ANY_HOST: '1' }).devCodesAnyHost).toBe(false);
  });
});
