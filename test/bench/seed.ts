import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { ROOT } from './paths.js';
import { seededRandom as seeded } from '../support/seeded-random.js';

/**
 * Accounts made straight in the database (HTTP sign-in for 10,000 workers would take minutes), with the
 * same shapes as api/src/accounts (Account with its roles, WorkerProfile / EmployerProfile), and tokens
 * signed the way api/src/auth/tokens.ts signs them (HS256, subject = account id, issuer `linggong`).
 */

export const CITY = { lat: 36.0577, lng: 103.8431 }; // 兰州 城关 (the lz-chengguan market)
/** Where the waiting workers stand: the built-up valley of Lanzhou, about 31 km east-west and 14 km north-south. */
export const CITY_BOX = { lat0: 36.0, lat1: 36.13, lng0: 103.6, lng1: 103.95 };
export const BENCH_TRADE = 'electrician';
/** Markets whose reach covers every shift the bench posts (within 4 km of CITY): their boards see every `shift:opened`. */
export const BOARD_MARKETS = ['lz-chengguan', 'lz-qilihe-construction'];

export interface BenchPerson {
  id: string;
  token: string;
}
export interface BenchWorker extends BenchPerson {
  lat: number;
  lng: number;
}
export interface BenchPeople {
  employer: BenchPerson;
  workers: BenchWorker[];
}

export function newSecret(): string {
  return randomBytes(24).toString('hex');
}

export async function mintToken(secret: string, accountId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(accountId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('30d')
    .setIssuer('linggong')
    .sign(new TextEncoder().encode(secret));
}

interface PrismaLike {
  account: { createMany(args: { data: object[] }): Promise<unknown> };
  workerProfile: { createMany(args: { data: object[] }): Promise<unknown> };
  employerProfile: { create(args: { data: object }): Promise<unknown> };
}
interface DatabaseLike {
  prisma: PrismaLike;
  close(): Promise<void>;
}

async function apiModule<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, 'api/dist', relative)).href)) as T;
}

/** Migrates, seeds reference data and the demo markets, and adds the bench's accounts. */
async function fill(dbOptions: { databaseUrl?: string; dataDir: string }, workerCount: number, secret: string): Promise<BenchPeople> {
  const { openDatabase } = await apiModule<{ openDatabase: (o: object) => Promise<DatabaseLike> }>('database/database.js');
  const { seedReference, seedDemoMarkets } = await apiModule<{
    seedReference: (p: PrismaLike) => Promise<void>;
    seedDemoMarkets: (p: PrismaLike) => Promise<void>;
  }>('reference/seed.js');
  const db = await openDatabase(dbOptions);
  try {
    await seedReference(db.prisma);
    await seedDemoMarkets(db.prisma);
    const employerId = randomUUID();
    await db.prisma.account.createMany({ data: [{ id: employerId, phone: '16600000001', roles: ['employer'] }] });
    await db.prisma.employerProfile.create({ data: { id: employerId, name: '压测用工单位', contactName: '李经理' } });
    const rnd = seeded(20261126);
    const workers: Array<Omit<BenchWorker, 'token'>> = [];
    for (let i = 0; i < workerCount; i++) {
      workers.push({
        id: randomUUID(),
        lat: CITY_BOX.lat0 + rnd() * (CITY_BOX.lat1 - CITY_BOX.lat0),
        lng: CITY_BOX.lng0 + rnd() * (CITY_BOX.lng1 - CITY_BOX.lng0),
      });
    }
    const CHUNK = 2000;
    for (let i = 0; i < workers.length; i += CHUNK) {
      const part = workers.slice(i, i + CHUNK);
      await db.prisma.account.createMany({
        data: part.map((w, j) => ({ id: w.id, phone: `170${String(i + j).padStart(8, '0')}`, roles: ['worker'] })),
      });
      await db.prisma.workerProfile.createMany({
        data: part.map((w, j) => {
          const n = i + j;
          return {
            id: w.id,
            name: `压测工人${n}`,
            trades: n % 3 === 0 ? [BENCH_TRADE, 'welder'] : [BENCH_TRADE],
            birthYear: 1960 + (n % 45),
            priority: n % 10 === 0 ? 'older' : n % 25 === 0 ? 'hard_to_employ' : 'none',
            regionCode: '620102',
            completedCount: n % 30,
            lateCancelCount: n % 17 === 0 ? 1 : 0,
            noShowCount: n % 41 === 0 ? 1 : 0,
          };
        }),
      });
    }
    const tokens = await Promise.all(workers.map((w) => mintToken(secret, w.id)));
    return {
      employer: { id: employerId, token: await mintToken(secret, employerId) },
      workers: workers.map((w, i) => ({ ...w, token: tokens[i] })),
    };
  } finally {
    await db.close();
  }
}

export interface PreparedDatabase {
  /** DATABASE_URL or DATA_DIR for the API. */
  env: Record<string, string>;
  people: BenchPeople;
  drop(): Promise<void>;
}

/** Embedded: a PGlite directory under `dataDir`, filled before the API opens it. */
export async function prepareEmbedded(dataDir: string, workerCount: number, secret: string): Promise<PreparedDatabase> {
  const people = await fill({ dataDir }, workerCount, secret);
  return { env: { DATA_DIR: dataDir }, people, drop: async () => {} };
}

/** PostgreSQL: a fresh database next to the one BENCH_DATABASE_URL names (as test/support/cluster.ts does). */
export async function preparePostgres(adminUrl: string, workerCount: number, secret: string): Promise<PreparedDatabase> {
  const name = `lg_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const people = await fill({ databaseUrl: url.toString(), dataDir: 'memory://' }, workerCount, secret);
  return {
    env: { DATABASE_URL: url.toString() },
    people,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
