import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type RunningApp } from '../../api/src/app.js';
import { loadConfig, type AppConfig } from '../../api/src/config/config.js';
import { openDatabase, type Database } from '../../api/src/database/database.js';
import { seedDemoMarkets, seedReference } from '../../api/src/reference/seed.js';

export type Backend = 'pglite' | 'postgres';

/** Every e2e suite runs on both: embedded PGlite and the machine's PostgreSQL. */
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestApp extends RunningApp {
  config: AppConfig;
  backend: Backend;
  stop(): Promise<void>;
}

/** A real server on a free port, on a fresh database of the given kind, with the demo markets. */
export async function startTestApp(backend: Backend, env: Record<string, string> = {}): Promise<TestApp> {
  const { url: databaseUrl, drop } = backend === 'postgres' ? await freshPostgresDatabase() : { url: undefined, drop: async () => {} };
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_DATA: '0',
    DATA_DIR: 'memory://',
    DISPATCH_SWEEP_S: '0.5',
    PRESENCE_GRACE_S: '60',
    // Suites sign in hundreds of people from this machine; test/e2e/rate-limits.test.ts sets it empty.
    RATE_LIMIT_EXEMPT: 'loopback',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const database: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await seedReference(database.prisma);
  await seedDemoMarkets(database.prisma);
  const running = await createApp(config, { database });
  return {
    ...running,
    config,
    backend,
    stop: async () => {
      await running.close();
      await database.close();
      await drop();
    },
  };
}

async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
