import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR, pgliteExecutor } from './database.js';
import { migrate, MigrationChecksumError, readMigrations } from './migrator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Starting PGlite takes seconds, so the file shares one database and each test works in its own schema
// (the migrator's unqualified names follow search_path).
let db: PGlite;
let schemas = 0;
const folders: string[] = [];

async function useFreshSchema(): Promise<void> {
  const name = `t${++schemas}`;
  await db.exec(`CREATE SCHEMA ${name}; SET search_path TO ${name}`);
}

/** A temporary migrations folder: { '001_name': 'SQL', ... }. */
function migrationsFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-migrations-'));
  folders.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function history(): Promise<string[]> {
  const { rows } = await db.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
  return rows.map((r) => r.migration_name);
}

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return rows[0].t !== null;
}

beforeAll(async () => {
  db = await PGlite.create();
});

afterAll(async () => {
  await db?.close();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('readMigrations', () => {
  test('reads folders with a migration.sql in name order, with a sha256 checksum', () => {
    const dir = migrationsFolder({ '002_b': 'SELECT 2;', '001_a': 'SELECT 1;' });
    fs.mkdirSync(path.join(dir, '003_empty'));
    fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    const list = readMigrations(dir);
    expect(list.map((m) => m.name)).toEqual(['001_a', '002_b']);
    expect(list[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(list[0].checksum).not.toBe(list[1].checksum);
  });
});

describe('migrate', () => {
  test('applies the real migrations once, even when run twice', async () => {
    await db.exec('SET search_path TO public');
    const migrations = readMigrations(MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);

    expect(await migrate(pgliteExecutor(db), migrations)).toEqual(migrations.map((m) => m.name));
    expect(await migrate(pgliteExecutor(db), migrations)).toEqual([]);
    expect(await history()).toEqual(migrations.map((m) => m.name));
  });

  test('applies only the new migration when one is added later', async () => {
    await useFreshSchema();
    const first = { '001_a': 'CREATE TABLE a (id int);' };
    await migrate(pgliteExecutor(db), readMigrations(migrationsFolder(first)));
    const later = readMigrations(migrationsFolder({ ...first, '002_b': 'CREATE TABLE b (id int);' }));
    expect(await migrate(pgliteExecutor(db), later)).toEqual(['002_b']);
    expect(await history()).toEqual(['001_a', '002_b']);
  });

  test('a migration changed after it was applied throws MigrationChecksumError', async () => {
    await useFreshSchema();
    await migrate(pgliteExecutor(db), readMigrations(migrationsFolder({ '001_a': 'CREATE TABLE a (id int);' })));
    const changed = readMigrations(migrationsFolder({ '001_a': 'CREATE TABLE a (id bigint);' }));
    await expect(migrate(pgliteExecutor(db), changed)).rejects.toThrow(MigrationChecksumError);
  });

  test('a failing migration rolls back entirely and records nothing', async () => {
    await useFreshSchema();
    const dir = migrationsFolder({
      '001_ok': 'CREATE TABLE ok_table (id int);',
      '002_bad': 'CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);',
      '003_after': 'CREATE TABLE after_table (id int);',
    });

    await expect(migrate(pgliteExecutor(db), readMigrations(dir))).rejects.toThrow(/no_such_table/);
    expect(await history()).toEqual(['001_ok']);
    expect(await tableExists('ok_table')).toBe(true);
    expect(await tableExists('half_done')).toBe(false);
    expect(await tableExists('after_table')).toBe(false);

    // The database is usable afterwards and the fixed migration applies.
    fs.writeFileSync(path.join(dir, '002_bad', 'migration.sql'), 'CREATE TABLE half_done (id int);');
    expect(await migrate(pgliteExecutor(db), readMigrations(dir))).toEqual(['002_bad', '003_after']);
  });
});

describe('schema drift guard', () => {
  test('`node scripts/migrations.mjs check` finds schema.prisma and the migrations in step', () => {
    const output = execFileSync('node', ['scripts/migrations.mjs', 'check'], {
      cwd: ROOT,
      timeout: 120_000,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toContain('migrations match schema.prisma');
  }, 130_000);
});
