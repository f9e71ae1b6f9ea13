#!/usr/bin/env node
// Prisma's CLI cannot diff or migrate offline (it downloads a native engine), so this
// drives Prisma's WebAssembly schema engine with an in-memory PGlite as the shadow database.
//   node scripts/migrations.mjs create <name>   writes prisma/migrations/<ts>_<name>/migration.sql
//   node scripts/migrations.mjs check           exits 1 when schema.prisma and the migrations drift
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const schemaPath = path.join(root, 'prisma/schema.prisma');
const migrationsDir = path.join(root, 'prisma/migrations');

async function loadEngine(schema) {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
    './schema_engine_bg.js': engineModule,
  });
  engineModule.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(new PGlite()));
  return engineModule.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter);
}

function migrationList() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir)
        .filter((d) => fs.existsSync(path.join(migrationsDir, d, 'migration.sql')))
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((d) => ({
      path: path.join(migrationsDir, d),
      migrationFile: {
        path: path.join(migrationsDir, d, 'migration.sql'),
        content: { tag: 'ok', value: fs.readFileSync(path.join(migrationsDir, d, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

async function pendingSql() {
  const schema = fs.readFileSync(schemaPath, 'utf8');
  const engine = await loadEngine(schema);
  const list = migrationList();
  const result = await engine.diff({
    from: list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' },
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
    script: true,
    exitCode: null,
    shadowDatabaseUrl: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? '').trim();
  return sql === '' || /^-- This is an empty migration\.?$/.test(sql) ? '' : sql;
}

const [command, name] = process.argv.slice(2);
const sql = await pendingSql();
if (command === 'check') {
  if (sql) {
    console.error('schema.prisma and prisma/migrations drift. Run: npm run db:migration -- <name>\n\n' + sql);
    process.exit(1);
  }
  console.log('migrations match schema.prisma');
} else if (command === 'create' && name) {
  if (!sql) {
    console.log('no changes: schema.prisma matches the migrations');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name.replace(/\W+/g, '_')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
    const lock = path.join(migrationsDir, 'migration_lock.toml');
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
    console.log('wrote ' + path.relative(root, dir));
  }
} else {
  console.error('usage: node scripts/migrations.mjs create <name> | check');
  process.exit(2);
}
process.exit(0);
