/**
 * `--only sockets50k`: 50,000 waiting-worker sockets on one API instance (embedded), RSS per socket, and
 * POST → first offer while they are connected. The sockets live in the load processes (test/bench/load.ts,
 * Socket.IO v5 over `ws`, 4 by default); each worker acks `presence` `waiting`. One server process needs a
 * descriptor per socket: the run raises RLIMIT_NOFILE where it may and otherwise connects as many as the
 * limit allows, saying so. Memory per socket is split into the JS heap, memory outside it that V8 knows of
 * (Buffers, PGlite's WebAssembly), and the rest of RSS (native: libuv, OpenSSL-free sockets, the allocator).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareEmbedded } from '../seed.js';
import { type Summary } from '../util.js';
import { TARGETS } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { memory, type Memory } from '../harness/processes.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { log, nofileLimit } from '../harness/system.js';
import { latencyScenario, setLatencyWindow } from './latency.js';
import { startApi } from './shared.js';

export const STRETCH_SOCKETS = 50_000;

export async function sockets50k(load: Load, secret: string, limit: number): Promise<void> {
  const cap = Math.max(1000, limit - 600);
  const wanted = Math.min(STRETCH_SOCKETS, Number(process.env.BENCH_STRETCH_SOCKETS ?? STRETCH_SOCKETS));
  const count = Math.min(wanted, cap);
  if (count < wanted) log(`sockets50k: RLIMIT_NOFILE ${limit} (not raisable here): ${count.toLocaleString()} sockets, not ${wanted.toLocaleString()}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-bench-sockets-'));
  try {
    log(`sockets50k: creating ${count.toLocaleString()} worker accounts`);
    const db = await prepareEmbedded(tmp, count, secret);
    const api = await startApi('sockets', db, secret, {});
    try {
      const m0 = await memory(api.server, 0);
      const steps = [Math.min(10_000, count), count].filter((n, i, a) => a.indexOf(n) === i);
      const mems: Memory[] = [m0];
      let done = 0;
      const t0 = Date.now();
      for (const upTo of steps) {
        const r = await load.workers(api.server.url, db.people.workers.slice(done, upTo), true);
        done = upTo;
        log(`sockets50k: ${done.toLocaleString()} asked, ${r.connected} connected in this step (${r.failed} failed)`);
        mems.push(await memory(api.server, done));
      }
      log(`sockets50k: connected in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      setLatencyWindow();
      const lat = await latencyScenario(api, load, db.people, 0, 200, 120_000);
      report(mems, lat.first, count, wanted, limit);
      details.sockets50k = { mems, latency: lat, count, wanted, limit: nofileLimit() };
    } finally {
      await load.closeSockets();
      await api.server.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function report(mems: Memory[], first: Summary, count: number, wanted: number, limit: number): void {
  const m0 = mems[0];
  const g = '[sockets]';
  for (const m of mems.slice(1)) {
    const per = (a: number, b: number) => (a - b) / m.sockets / 1024;
    const heap = per(m.heapUsed, m0.heapUsed);
    const external = per(m.external ?? 0, m0.external ?? 0);
    const rss = per(m.rss, m0.rss);
    const compacted = m.compacted && m0.compacted ? per(m.compacted.rss, m0.compacted.rss) : NaN;
    addRow({
      group: g,
      figure: `RSS per waiting worker socket @ ${m.sockets.toLocaleString()}`,
      unit: 'KB',
      value: rss,
      note: `after a compacting GC ${compacted.toFixed(1)} KB; of which JS heap used ${heap.toFixed(1)} KB, external ${external.toFixed(1)} KB, the rest (native, heap pages committed but free) ${(rss - heap - external).toFixed(1)} KB`,
    });
  }
  const top = mems[mems.length - 1];
  const rssKb = (top.rss - m0.rss) / top.sockets / 1024;
  const short = count < wanted ? `only ${count.toLocaleString()} sockets: RLIMIT_NOFILE ${limit} here` : undefined;
  addRow({ group: g, figure: `POST /api/shifts → first offer, ${count.toLocaleString()} sockets connected`, unit: 'ms', stats: first });
  verdict(
    `${wanted.toLocaleString()} sockets at ≤ ${TARGETS.stretchRssPerSocketKb} KB RSS each`,
    `${rssKb.toFixed(1)} KB per socket @ ${top.sockets.toLocaleString()}`,
    short ? null : rssKb <= TARGETS.stretchRssPerSocketKb,
    short,
  );
  verdict(
    `POST→first offer p99 ≤ ${TARGETS.stretchFirstOfferP99} ms with ${wanted.toLocaleString()} connected`,
    `p99 ${ms(first.p99)} ms (median ${ms(first.median)}) @ ${count.toLocaleString()}`,
    short ? null : first.p99 <= TARGETS.stretchFirstOfferP99,
    short,
  );
}
