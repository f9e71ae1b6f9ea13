/**
 * The employer's screens with 50 hires on the shift: `GET /api/shifts/:id` (the employer's view: offers and
 * hires) and `POST /api/assignments/:id/attendance` (each a real write: every hire is marked once). Sequential
 * requests from the poster process, stamped there; embedded and, with a database URL, PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareEmbedded, preparePostgres, type PreparedDatabase } from '../seed.js';
import { unreachable } from '../stores.js';
import { sched, summarize, type Summary } from '../util.js';
import { seedHiredShifts, type HiredShift } from '../views-seed.js';
import { CFG, QUICK, TARGETS } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { profiled } from '../harness/processes.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { type Api, startApi } from './shared.js';
import { cpuSeconds, log, schedNote } from '../harness/system.js';

const HIRES = 50;
/** Offers beyond the hires (declined or still open), so the view's counts read more than the hires. */
const EXTRA_OFFERS = 150;

interface Timed {
  t0: number;
  t1: number;
  status: number;
  body?: unknown;
}

export async function views(load: Load, secret: string): Promise<void> {
  const shifts = QUICK ? 2 : 6;
  const workers = HIRES + EXTRA_OFFERS;
  {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-bench-views-'));
    try {
      await viewsIn('views-embedded', await prepareEmbedded(tmp, workers, secret), shifts, load, secret);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const why = await unreachable(CFG.sideDatabaseUrl, CFG.sideRedisUrl);
  if (why) log(`views-postgres skipped: ${why}`);
  else {
    const db = await preparePostgres(CFG.sideDatabaseUrl, workers, secret);
    try {
      await viewsIn('views-postgres', db, shifts, load, secret);
    } finally {
      await db.drop().catch((e: unknown) => log(`drop failed: ${String(e)}`));
    }
  }
}

async function viewsIn(label: string, db: PreparedDatabase, shiftCount: number, load: Load, secret: string): Promise<void> {
  log(`${label}: ${shiftCount} shifts with ${HIRES} hires each`);
  const shifts = await seedHiredShifts(db, shiftCount, HIRES, EXTRA_OFFERS);
  const api = await startApi(label, db, secret, {});
  const token = db.people.employer.token;
  const call = (method: string, p: string, body?: unknown, withBody = false) =>
    load.poster.call<Timed>('timed', { url: api.server.url, method, path: p, body, token, withBody });
  try {
    const first = await call('GET', `/api/shifts/${shifts[0].shiftId}`, undefined, true);
    const hires = (first.body as { hires?: unknown[] } | undefined)?.hires?.length;
    if (first.status !== 200 || hires !== HIRES) throw new Error(`${label}: employer view → ${first.status}, ${hires} hires`);
    const pid = api.server.proc.pid;
    const view = await withCpu(pid, () => viewSamples(call, shifts, QUICK ? 100 : 400));
    const profileShift = shifts.pop()!; // its hires are marked under the profiler, not counted
    const attendance = await withCpu(pid, () => attendanceSamples(call, shifts));
    await profiled(api.server, `${label}-view-and-attendance`, async () => {
      await viewSamples(call, [profileShift], 100);
      await attendanceSamples(call, [profileShift]);
    });
    report(api, label, view, attendance);
  } finally {
    await api.server.stop();
  }
}

/** The API's CPU per request (all its threads) and how long its event loop waited for a CPU meanwhile. */
async function withCpu<T extends { stats: Summary }>(pid: number | undefined, run: () => Promise<T>) {
  const cpu0 = cpuSeconds(pid);
  const sched0 = sched(pid);
  const r = await run();
  const cpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / Math.max(1, r.stats.n);
  return { ...r, cpuMs, sched: schedNote(pid, sched0) };
}

type Call = (method: string, p: string, body?: unknown) => Promise<Timed>;

/** The employer's view, round robin over the shifts; the first 20 warm up and are not counted. */
async function viewSamples(call: Call, shifts: HiredShift[], n: number) {
  const samples: number[] = [];
  let errors = 0;
  for (let i = 0; i < n + 20; i++) {
    const r = await call('GET', `/api/shifts/${shifts[i % shifts.length].shiftId}`);
    if (r.status !== 200) errors++;
    else if (i >= 20) samples.push(r.t1 - r.t0);
  }
  return { stats: summarize(samples), errors };
}

/** Every hire marked once, a tenth as no-shows; the first shift's first 10 warm up and are not counted. */
async function attendanceSamples(call: Call, shifts: HiredShift[]) {
  const samples: number[] = [];
  let errors = 0;
  let i = 0;
  for (const s of shifts) {
    for (const [j, id] of s.assignmentIds.entries()) {
      // no-shows only for hires that did not check in (every third did): the API refuses the others
      const status = j % 10 === 1 && j % 3 !== 0 ? 'no_show' : 'completed';
      const r = await call('POST', `/api/assignments/${id}/attendance`, { status });
      if (r.status !== 200) errors++;
      else if (i++ >= 10) samples.push(r.t1 - r.t0);
    }
  }
  return { stats: summarize(samples), errors };
}

type Measured = Awaited<ReturnType<typeof viewSamples>> & { cpuMs: number; sched: string };

function report(
  api: Api,
  label: string,
  view: Measured,
  attendance: Measured,
): void {
  const g = `[${label}]`;
  addRow({ group: g, figure: `GET /api/shifts/:id, employer, ${HIRES} hires`, unit: 'ms', stats: view.stats, note: note(view) });
  addRow({ group: g, figure: 'POST /api/assignments/:id/attendance', unit: 'ms', stats: attendance.stats, note: note(attendance) });
  const mode = label.replace('views-', '');
  for (const [what, r] of [
    ['employer view', view],
    ['attendance', attendance],
  ] as const) {
    verdict(
      `${what} p95 ≤ ${TARGETS.viewP95} ms, ${HIRES} hires (${mode})`,
      `p95 ${ms(r.stats.p95)} ms (median ${ms(r.stats.median)})`,
      r.errors === 0 && r.stats.p95 <= TARGETS.viewP95,
      r.errors ? `${r.errors} requests failed` : undefined,
    );
  }
  details[label] = { view, attendance, server: api.server.name };
}

const note = (r: Measured) => `API CPU ${r.cpuMs.toFixed(1)} ms per request; ${r.sched}${r.errors ? `; ${r.errors} failed` : ''}`;
