/**
 * The embedded mode: the simulator starts its own API (the built api/dist/main.js) on a throwaway PGlite
 * database with the demo markets, dispatch timings scaled to the simulation's speed, and afterwards reads
 * the API's own counts straight from that database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiCounts } from './report.js';

export interface EmbeddedApi {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  /** SIGTERM, wait for the exit. */
  stop(): Promise<void>;
  /** The last lines the API wrote (for error messages). */
  tail(): string;
}

export async function startEmbeddedApi(root: string, dispatchEnv: Record<string, string>): Promise<EmbeddedApi> {
  const main = path.join(root, 'api/dist/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} does not exist: run \`npm run build\` first, or pass --url`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-sim-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      // Never the developer's database, Redis or demo settings: a throwaway PGlite, in-process, no simulator of its own.
      ([k, v]) => v !== undefined && !['DATABASE_URL', 'REDIS_URL', 'DEMO_SIMULATION', 'DATA_DIR', 'PORT', 'HOST', 'NODE_ENV'].includes(k),
    ),
  ) as Record<string, string>;
  const env: Record<string, string> = {
    ...inherited,
    // The OS picks a free port (no race with another process between choosing and listening); the API's
    // start-up banner says which.
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: '1',
    LOG_LEVEL: process.env.SIM_API_LOG_LEVEL ?? 'warn',
    SHUTDOWN_DRAIN_S: '0',
    SHUTDOWN_SPREAD_S: '0',
    ...dispatchEnv,
  };
  const child: ChildProcess = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  let url = '';
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone) throw new Error(`the API exited while starting:\n${lines.join('\n')}`);
    const banner = lines.map((l) => /(http:\/\/\S+?)\/api\/health/.exec(l)?.[1]).find(Boolean);
    if (banner) url = banner.replace('localhost', '127.0.0.1');
    const healthy =
      !!url &&
      (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false));
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become healthy within 120 s:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    env,
    tail: () => lines.join('\n'),
    stop: async () => {
      if (!gone) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** The API's own counts, read from its PGlite database after it stopped; only the simulated employers' shifts. */
export async function databaseCounts(dataDir: string, employerPhonePrefix: string): Promise<ApiCounts> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  try {
    const q = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
    const mine = `s."employerId" IN (SELECT id FROM "Account" WHERE phone LIKE $1)`;
    const like = [`${employerPhonePrefix}%`];
    const byStatus = await q<{ status: string; n: number; positions: number; filled: number }>(
      `SELECT s.status::text AS status, count(*)::int AS n, sum(s.headcount)::int AS positions, sum(s.filled)::int AS filled
         FROM "Shift" s WHERE ${mine} GROUP BY 1`,
      like,
    );
    const assignments = await q<{ status: string; n: number }>(
      `SELECT a.status::text AS status, count(*)::int AS n FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId" WHERE ${mine} GROUP BY 1`,
      like,
    );
    const offers = await q<{ status: string; n: number }>(
      `SELECT o.status::text AS status, count(*)::int AS n FROM "Offer" o JOIN "Shift" s ON s.id = o."shiftId" WHERE ${mine} GROUP BY 1`,
      like,
    );
    const [over] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Shift" s
        WHERE ${mine} AND (s.filled > s.headcount
           OR (SELECT count(*) FROM "Assignment" a WHERE a."shiftId" = s.id AND a.status = 'hired') > s.headcount)`,
      like,
    );
    const overlaps = await q<{ statuses: string; workers: number }>(
      `SELECT least(a.status::text, b.status::text) || '+' || greatest(a.status::text, b.status::text) AS statuses,
              count(DISTINCT a."workerId")::int AS workers
         FROM "Assignment" a JOIN "Assignment" b
           ON a."workerId" = b."workerId" AND a.id <> b.id AND a."createdAt" < b."createdAt" AND b."createdAt" < a."endsAt"
          AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
        WHERE a.status IN ('hired', 'completed') AND b.status IN ('hired', 'completed')
        GROUP BY 1`,
    );
    const [double] = await q<{ n: number }>(
      `SELECT count(DISTINCT a."workerId")::int AS n FROM "Assignment" a JOIN "Assignment" b
          ON a."workerId" = b."workerId" AND a.id <> b.id AND a."createdAt" < b."createdAt" AND b."createdAt" < a."endsAt"
          AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
       WHERE a.status IN ('hired', 'completed') AND b.status IN ('hired', 'completed')`,
    );
    const examples = await q<Record<string, unknown>>(
      `SELECT w.phone, a.status::text AS a_status, a."startsAt" AS a_starts, a."endsAt" AS a_ends, a."createdAt" AS a_hired, a."updatedAt" AS a_updated,
              b.status::text AS b_status, b."startsAt" AS b_starts, b."endsAt" AS b_ends, b."createdAt" AS b_hired
         FROM "Assignment" a JOIN "Assignment" b
           ON a."workerId" = b."workerId" AND a.id <> b.id AND a."createdAt" < b."createdAt" AND b."createdAt" < a."endsAt"
          AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
         JOIN "Account" w ON w.id = a."workerId"
        WHERE a.status IN ('hired', 'completed') AND b.status IN ('hired', 'completed')
        ORDER BY b."createdAt" LIMIT 5`,
    );
    const sumOf = (
      rows: Array<{ positions: number; filled: number; status: string }>,
      key: 'positions' | 'filled',
      skipCancelled = false,
    ) => rows.filter((r) => !skipCancelled || r.status !== 'cancelled').reduce((s, r) => s + (r[key] ?? 0), 0);
    return {
      source: `the API's PGlite database (${dataDir})`,
      shifts: byStatus.reduce((s, r) => s + r.n, 0),
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
      positions: sumOf(byStatus, 'positions'),
      positionsNotCancelled: sumOf(byStatus, 'positions', true),
      filled: sumOf(byStatus, 'filled'),
      filledNotCancelled: sumOf(byStatus, 'filled', true),
      assignmentsByStatus: Object.fromEntries(assignments.map((r) => [r.status, r.n])),
      offersSent: offers.reduce((s, r) => s + r.n, 0),
      offersByStatus: Object.fromEntries(offers.map((r) => [r.status, r.n])),
      overfilledShifts: over.n,
      doubleBookedWorkers: double.n,
      doubleBookedByStatus: Object.fromEntries(overlaps.map((r) => [r.statuses, r.workers])),
      ...(examples.length ? { doubleBookedExamples: examples } : {}),
    };
  } finally {
    await db.close();
  }
}
