/** Phase A: POST → first offer and board latency, memory per socket, with default dispatch settings. */
import os from 'node:os';
import { type BenchPeople, type PreparedDatabase } from '../seed.js';
import { sched, sleep, summarize } from '../util.js';
import { type Latency } from './baseline.js';
import { CFG, TARGETS } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { compactedNote, profiled } from '../harness/processes.js';
import { rampScenario } from './ramp.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { type Api, connectAll, nextWindow, PLACE, startApi } from './shared.js';
import { cpuSeconds, log, schedNote } from '../harness/system.js';

export async function latencyScenario(api: Api, load: Load, people: BenchPeople, boards: number, samples: number, budgetMs: number) {
  const until = Date.now() + budgetMs;
  const first: number[] = [];
  const each: number[] = [];
  const last: number[] = [];
  const post: number[] = [];
  let noOffer = 0;
  let missingBoards = 0;
  let errors = 0;
  for (let i = 0; i < samples && (i < 20 || Date.now() < until); i++) {
    const r = await load.poster.call<{ t0: number; t1: number; status: number; id?: string; body?: unknown }>('postRandom', {
      url: api.server.url,
      token: people.employer.token,
      place: PLACE,
      window: nextWindowFixed,
    });
    if (r.status !== 201 || !r.id) {
      errors++;
      if (errors <= 3) log(`POST /api/shifts → ${r.status} ${JSON.stringify(r.body)}`);
      continue;
    }
    const id = r.id;
    await load.seen.wait(() => load.seen.count('offers', id) >= 1 && load.seen.count('boards', id) >= boards, 10_000);
    await load.poster.call('cancel', { url: api.server.url, token: people.employer.token, ids: [id], concurrency: 1 });
    await sleep(20); // the last reports of this shift arrive (each load process flushes every 10 ms)
    const offers = load.seen.offers.get(id) ?? [];
    const seenBoards = (load.seen.boards.get(id) ?? []).map((t) => t - r.t0);
    if (!offers.length) noOffer++;
    if (seenBoards.length < boards) missingBoards += boards - seenBoards.length;
    first.push(offers.length ? Math.min(...offers) - r.t0 : Infinity);
    each.push(...seenBoards, ...Array<number>(Math.max(0, boards - seenBoards.length)).fill(Infinity));
    last.push(seenBoards.length >= boards ? Math.max(...seenBoards) : Infinity);
    post.push(r.t1 - r.t0);
    load.seen.forget(id);
  }
  await load.forget();
  return {
    first: summarize(first),
    boardEach: summarize(each),
    boardLast: summarize(last),
    post: summarize(post),
    noOffer,
    missingBoards,
    errors,
  };
}
/** The latency scenario's shifts all share one window: each is cancelled before the next is posted. */
export let nextWindowFixed = nextWindow();
/** A fresh window for a new API's latency samples (the previous API's offers may still hold workers in the old one). */
export function setLatencyWindow(): void {
  nextWindowFixed = nextWindow();
}

/** Phase A: default dispatch settings; latency, memory per socket, sustained posting. */
export async function phaseLatency(
  label: string,
  db: PreparedDatabase,
  secret: string,
  env: Record<string, string>,
  load: Load,
  base?: Latency,
  memoryOnly = false,
) {
  log(`${label}: starting the API (default dispatch settings)`);
  const api = await startApi(label, db, secret, env);
  const g = `[${label}]`;
  try {
    const setup = await connectAll(api, load, db.people, true);
    nextWindowFixed = nextWindow();
    // --- memory per connected worker
    const m0 = setup.mems[0];
    const perSocket = setup.mems.slice(1).map((m) => ({
      at: m.sockets,
      rss: (m.rss - m0.rss) / m.sockets,
      heap: (m.heapUsed - m0.heapUsed) / m.sockets,
      note: compactedNote(m, m0),
    }));
    for (const p of perSocket) {
      addRow({
        group: g,
        figure: `RSS per waiting worker socket @ ${p.at.toLocaleString()}`,
        unit: 'KB',
        value: p.rss / 1024,
        note: p.note,
      });
      addRow({ group: g, figure: `heap per waiting worker socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.heap / 1024 });
    }
    details[`${label}.memory`] = setup.mems;
    if (memoryOnly) return { perSocket, workers: setup.workers };

    // --- POST → first offer / → boards
    log(`${label}: POST→first offer and →boards, ${CFG.latencySamples} shifts one after another`);
    const cpu0 = cpuSeconds(api.server.proc.pid);
    const sched0 = sched(api.server.proc.pid);
    const t0 = Date.now();
    const lat = await latencyScenario(api, load, db.people, setup.boards, CFG.latencySamples, CFG.latencyBudgetMs);
    const cpuPerShift = ((cpuSeconds(api.server.proc.pid) - cpu0) * 1000) / Math.max(1, lat.first.n);
    const latencySched = schedNote(api.server.proc.pid, sched0);
    log(`${label}: ${latencySched}; load average ${os.loadavg()[0].toFixed(2)}`);
    const wk = `${setup.workers.toLocaleString()} workers, ${setup.boards} boards`;
    addRow({
      group: g,
      figure: 'POST /api/shifts → first offer at a worker',
      unit: 'ms',
      stats: lat.first,
      note: `${wk}${lat.noOffer ? `, ${lat.noOffer} without offer` : ''}`,
    });
    addRow({
      group: g,
      figure: 'POST /api/shifts → shift:opened, each board',
      unit: 'ms',
      stats: lat.boardEach,
      note: lat.missingBoards ? `${lat.missingBoards} missing` : '',
    });
    addRow({ group: g, figure: `POST /api/shifts → shift:opened, last of ${setup.boards} boards`, unit: 'ms', stats: lat.boardLast });
    addRow({
      group: g,
      figure: 'POST /api/shifts → 201 response',
      unit: 'ms',
      stats: lat.post,
      note: `API CPU ${cpuPerShift.toFixed(1)} ms per shift (incl. its cancel), ${((Date.now() - t0) / 1000).toFixed(0)} s; ${latencySched}`,
    });
    details[`${label}.latency`] = lat;
    const isEmbedded = label === 'embedded';
    if (isEmbedded) {
      verdict(
        `POST→first offer p99 ≤ ${TARGETS.firstOfferP99} ms (${wk})`,
        `p99 ${ms(lat.first.p99)} ms (median ${ms(lat.first.median)})`,
        lat.first.p99 <= TARGETS.firstOfferP99,
      );
      verdict(
        `POST→board p99 ≤ ${TARGETS.boardP99} ms (each of ${setup.boards} boards)`,
        `p99 ${ms(lat.boardEach.p99)} ms (last board p99 ${ms(lat.boardLast.p99)})`,
        lat.boardEach.p99 <= TARGETS.boardP99,
      );
      if (base) {
        const r1 = lat.first.median / base.one.median;
        const r1p = lat.first.p99 / base.one.p99;
        const r2 = lat.boardEach.median / base.boardEach.median;
        const r2p = lat.boardEach.p99 / base.boardEach.p99;
        addRow({
          group: '[ratio]',
          figure: 'POST→first offer ÷ baseline HTTP→one client',
          unit: '×',
          value: r1,
          note: `p99 ÷ p99: ${r1p.toFixed(1)}×`,
        });
        addRow({
          group: '[ratio]',
          figure: 'POST→board ÷ baseline HTTP→200 clients',
          unit: '×',
          value: r2,
          note: `p99 ÷ p99: ${r2p.toFixed(1)}×`,
        });
        verdict(
          `latency overhead ≤ ${TARGETS.overheadLatency}× baseline, first offer (median; p99)`,
          `${r1.toFixed(1)}×; ${r1p.toFixed(1)}×`,
          r1 <= TARGETS.overheadLatency && r1p <= TARGETS.overheadLatency,
        );
        verdict(
          `latency overhead ≤ ${TARGETS.overheadLatency}× baseline, boards (median; p99)`,
          `${r2.toFixed(1)}×; ${r2p.toFixed(1)}×`,
          r2 <= TARGETS.overheadLatency && r2p <= TARGETS.overheadLatency,
        );
      }
    }
    // The same again under the CPU profiler (not counted above).
    await profiled(api.server, `${label}-post-to-offer`, () =>
      latencyScenario(api, load, db.people, setup.boards, CFG.profiledSamples, CFG.latencyBudgetMs / 4),
    );

    // --- sustained posting
    await rampScenario(api, load, db.people, label);
    return { perSocket, workers: setup.workers };
  } finally {
    await load.closeSockets();
    await api.server.stop();
  }
}
