import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate, readMigrations } from './migrator.js';
import type { SqlExecutor } from './sql-executor.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PostgreSQL connections in the pool (20 when not given). */
  poolSize?: number;
  /** A folder for PGlite's files, or `memory://` for a throwaway database. */
  dataDir: string;
  /** Loads a migrated PGlite snapshot instead of migrating from scratch (tests). */
  pgliteSnapshot?: Blob;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 20) : openPglite(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(pgExecutor(client), readMigrations(MIGRATIONS_DIR));
  } finally {
    await client.end();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
  await prisma.$connect();
  return { kind: 'postgres', prisma, close: () => prisma.$disconnect() };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? options.dataDir : path.join(options.dataDir, 'pglite');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(inMemory ? undefined : dataDir, { loadDataDir: options.pgliteSnapshot });
  await migrate(pgliteExecutor(db), readMigrations(MIGRATIONS_DIR));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: 'pglite',
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}

function pgExecutor(client: pg.Client): SqlExecutor {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}
