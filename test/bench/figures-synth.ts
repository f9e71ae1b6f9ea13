import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ROOT } from './paths.js';

/**
 * A synthetic year of Gansu for the figures' scale bench (docs/figures.md): 14 cities, 100 markets, 2 million
 * shifts, 20 million offers, 1.5 million hires (at --scale 1), written with generate_series in PostgreSQL, then
 * every rollup built once. Usage:
 *   npm run figures:synth -- --database-url postgres://127.0.0.1:5432/linggong_synth [--scale 0.1] [--year 2026]
 * The database is dropped and made again (it must be named *synth*: this never touches another one).
 */

export const CITIES = [
  '620100',
  '620200',
  '620300',
  '620400',
  '620500',
  '620600',
  '620700',
  '620800',
  '620900',
  '621000',
  '621100',
  '621200',
  '622900',
  '623000',
];
export const TRADES = [
  'construction_laborer',
  'mason',
  'carpenter',
  'rebar_worker',
  'scaffolder',
  'electrician',
  'plumber',
  'welder',
  'painter',
  'tiler',
  'decorator',
  'mover',
  'loader',
  'warehouse_picker',
  'delivery_rider',
  'driver',
  'cleaner',
  'domestic_helper',
  'appliance_repair',
  'caregiver',
  'kitchen_helper',
  'waiter',
  'dishwasher',
  'security_guard',
  'event_staff',
  'promoter',
];
const COUNTIES_PER_CITY = 4;

type RollupCtor = new (prisma: unknown) => { refresh(span: { from: string; to: string }): Promise<number> };

export function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1];
  return out;
}

async function recreate(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/synth/.test(name)) throw new Error(`refusing to drop ${name}: the synthetic database's name must contain "synth"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}

const sqlList = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

/** The statements that fill the year; `n` sizes: workers, shifts, offers per shift, year. */
export function synthStatements(o: { workers: number; shifts: number; offersPerShift: number; year: number }): Array<[string, string]> {
  const start = `'${o.year}-01-01T00:00:00'::timestamp - interval '8 hours'`;
  const cities = sqlList(CITIES);
  const trades = sqlList(TRADES);
  return [
    [
      'regions',
      `INSERT INTO "Region" (code, name, "nameEn", level, "parentCode") VALUES ('620000', '甘肃省', 'Gansu', 'province', NULL) ON CONFLICT DO NOTHING;
       INSERT INTO "Region" (code, name, "nameEn", level, "parentCode")
         SELECT c, '城市' || c, 'City ' || c, 'city', '620000' FROM unnest(${cities}) c ON CONFLICT DO NOTHING;
       INSERT INTO "Region" (code, name, "nameEn", level, "parentCode")
         SELECT left(c, 4) || lpad((k + 1)::text, 2, '0'), '区县' || k, 'County ' || k, 'county', c
         FROM unnest(${cities}) c, generate_series(1, ${COUNTIES_PER_CITY}) k ON CONFLICT DO NOTHING`,
    ],
    [
      'markets',
      `INSERT INTO "Market" (id, name, "nameEn", kind, operator, "regionCode", lat, lng, address, hours, hotline, "complaintChannel", services, "updatedAt")
       SELECT 'syn-m' || lpad(i::text, 3, '0'), '零工市场' || i, 'Market ' || i, 'station',
         (ARRAY['hrss', 'co_branded', 'contracted'])[1 + i % 3]::"MarketOperator",
         left((${cities})[1 + i % 14], 4) || lpad((2 + (i / 14) % ${COUNTIES_PER_CITY})::text, 2, '0'),
         34 + (i % 14) * 0.5, 98 + (i % 14) * 0.6, '地址' || i, '05:00-18:00', '12333', '12333', ARRAY['matching'], now()
       FROM generate_series(0, 99) i`,
    ],
    [
      'accounts',
      `INSERT INTO "Account" (id, phone, roles)
       SELECT 'syn-w' || i, '1' || lpad(i::text, 10, '0'), ARRAY['worker'] FROM generate_series(1, ${o.workers}) i;
       INSERT INTO "Account" (id, phone, roles)
       SELECT 'syn-e' || i, '2' || lpad(i::text, 10, '0'), ARRAY['employer'] FROM generate_series(1, 2000) i;
       INSERT INTO "EmployerProfile" (id, name) SELECT 'syn-e' || i, '用工单位' || i FROM generate_series(1, 2000) i`,
    ],
    [
      'workers',
      `INSERT INTO "WorkerProfile" (id, name, trades, priority, "regionCode", "homeMarketId", "createdAt", "updatedAt")
       SELECT 'syn-w' || i, '工人' || i, ARRAY[(${trades})[(1 + i % 26)::int]],
         (CASE WHEN i % 7 = 0 THEN 'older' WHEN i % 19 = 0 THEN 'hard_to_employ' ELSE 'none' END)::"PriorityGroup",
         m."regionCode", m.id, ${start} + (i % 365) * interval '1 day' + interval '9 hours', now()
       FROM generate_series(1, ${o.workers}) i JOIN "Market" m ON m.id = 'syn-m' || lpad((i % 100)::text, 3, '0')`,
    ],
    [
      'shifts',
      `INSERT INTO "Shift" (id, "employerId", "marketId", "regionCode", title, trade, headcount, filled, "wageAmount", "wageUnit",
         lat, lng, address, "startsAt", "endsAt", status, "createdAt", "updatedAt")
       SELECT 'syn-s' || i, 'syn-e' || (1 + i % 2000), m.id, m."regionCode", '零工', (${trades})[(1 + (i / 100) % 26)::int],
         1 + i % 2, CASE WHEN i % 4 = 0 THEN 0 ELSE 1 END,
         CASE WHEN i % 10 = 3 THEN 25 + i % 15 WHEN i % 33 = 5 THEN 2 ELSE 150 + (i % 41) * 5 END,
         (CASE WHEN i % 10 = 3 THEN 'hour' WHEN i % 33 = 5 THEN 'piece' ELSE 'day' END)::"WageUnit",
         m.lat, m.lng, '工地', t + interval '2 hours', t + interval '10 hours',
         (CASE WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 4 = 0 THEN 'expired' ELSE 'completed' END)::"ShiftStatus", t, t
       FROM generate_series(1::bigint, ${o.shifts}) i
       CROSS JOIN LATERAL (SELECT ${start} + ((i::bigint * 365 * 86400) / ${o.shifts}) * interval '1 second' AS t) tt
       JOIN "Market" m ON m.id = 'syn-m' || lpad((i % 100)::text, 3, '0')`,
    ],
    [
      'offers',
      `INSERT INTO "Offer" (id, "shiftId", "workerId", wave, "distanceKm", score, reasons, status, "expiresAt", "createdAt")
       SELECT 'syn-o' || i || '-' || k, s.id, 'syn-w' || (1 + (i * 7919 + k * 104729) % ${o.workers}), 1, 1.5, 0.5, '[]',
         (CASE WHEN k = 0 AND i % 4 <> 0 THEN 'accepted' ELSE 'expired' END)::"OfferStatus",
         s."createdAt" + interval '1 hour', s."createdAt" + k * interval '1 minute'
       FROM generate_series(1::bigint, ${o.shifts}) i JOIN "Shift" s ON s.id = 'syn-s' || i, generate_series(0, ${o.offersPerShift - 1}) k`,
    ],
    [
      'hires',
      `INSERT INTO "Assignment" (id, "shiftId", "workerId", "offerId", status, "startsAt", "endsAt", "wageAmount", "wageUnit",
         "lateCancel", "cancelledAt", "assistedVia", "assistedBy", "createdAt", "updatedAt")
       SELECT 'syn-a' || i, s.id, 'syn-w' || (1 + (i * 7919) % ${o.workers}), 'syn-o' || i || '-0',
         (CASE WHEN i % 50 = 7 THEN 'no_show' WHEN i % 25 = 3 THEN 'cancelled' WHEN i % 30 = 2 THEN 'hired' ELSE 'completed' END)::"AssignmentStatus",
         s."startsAt", s."endsAt", s."wageAmount" + (i % 3) * 5, s."wageUnit", i % 50 = 3, NULL,
         CASE WHEN i % 9 = 4 THEN 'staff' END, CASE WHEN i % 9 = 4 THEN 'syn-staff' END,
         s."createdAt" + (5 + i % 240) * interval '1 minute', s."createdAt"
       FROM generate_series(1::bigint, ${o.shifts}) i JOIN "Shift" s ON s.id = 'syn-s' || i
       WHERE i % 4 <> 0`,
    ],
    [
      'waiting days',
      `INSERT INTO "WaitingDay" ("workerId", day, trade, "regionCode")
       SELECT w.id, d::date, w.trades[1], w."regionCode"
       FROM generate_series('${o.year}-01-01'::date, '${o.year}-12-31'::date, interval '1 day') d
       JOIN "WorkerProfile" w ON w.id LIKE 'syn-w%' AND (hashtext(w.id || d::text) % 25) = 0`,
    ],
    ['analyze', 'ANALYZE'],
  ];
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2));
  const url = a['database-url'] ?? 'postgres://127.0.0.1:5432/linggong_synth';
  const scale = Number(a.scale ?? '1');
  const year = Number(a.year ?? '2025');
  const sizes = { workers: Math.round(150_000 * Math.max(scale, 0.02)), shifts: Math.round(2_000_000 * scale), offersPerShift: 10, year };
  const began = Date.now();
  const lap = (what: string, t: number) => console.log(`${what.padEnd(16)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // --rollups-only: keep the year, mark every built day dirty and build the rollups again (after a rollup change).
  const rollupsOnly = 'rollups-only' in a;
  if (!rollupsOnly) await recreate(url);
  const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, 'api/dist', rel)).href)) as T;
  const { openDatabase } = await load<{ openDatabase: (o: object) => Promise<{ prisma: unknown; close(): Promise<void> }> }>(
    'database/database.js',
  );
  const t0 = Date.now();
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
  lap('migrations', t0);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if (rollupsOnly) await client.query(`UPDATE "FigureRollupDay" SET dirty = true`);
  else await generate(client, sizes, lap);
  await client.end();
  await buildRollups(database, year, lap);
  lap('total', began);
}

async function generate(
  client: pg.Client,
  sizes: Parameters<typeof synthStatements>[0],
  lap: (what: string, t: number) => void,
): Promise<void> {
  await client.query(`SET synchronous_commit = off`);
  // The triggers only mark built days dirty: nothing is built yet, so they are off while the year is written.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  // Secondary indexes are dropped while the rows go in and made again after: several times faster.
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
     WHERE i.schemaname = 'public' AND i.tablename IN ('Shift', 'Offer', 'Assignment', 'WaitingDay')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`,
  );
  for (const ix of indexes.rows) await client.query(`DROP INDEX "${ix.indexname}"`);
  for (const [what, sql] of synthStatements(sizes)) {
    if (what === 'analyze') {
      const t = Date.now();
      for (const ix of indexes.rows) await client.query(ix.indexdef);
      lap('indexes', t);
    }
    const t = Date.now();
    await client.query(sql);
    lap(what, t);
  }
  await client.query(`SET session_replication_role = origin`);
  const counts = await client.query(
    `SELECT (SELECT count(*) FROM "Shift") shifts, (SELECT count(*) FROM "Offer") offers, (SELECT count(*) FROM "Assignment") hires, (SELECT count(*) FROM "WaitingDay") "waitingDays", (SELECT count(*) FROM "WorkerProfile") workers`,
  );
  console.log('rows', counts.rows[0]);
}

async function buildRollups(
  database: { prisma: unknown; close(): Promise<void> },
  year: number,
  lap: (what: string, t: number) => void,
): Promise<void> {
  const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, 'api/dist', rel)).href)) as T;
  const { FiguresRollupService } = await load<{ FiguresRollupService: RollupCtor }>('stats/figures-rollup.service.js');
  const t1 = Date.now();
  const rollups = new FiguresRollupService(database.prisma);
  for (let m = 1; m <= 12; m++) {
    const from = `${year}-${String(m).padStart(2, '0')}-01`;
    const to = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
    const t = Date.now();
    await rollups.refresh({ from, to });
    lap(`rollup ${from.slice(0, 7)}`, t);
  }
  lap('rollups', t1);
  await database.close();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
