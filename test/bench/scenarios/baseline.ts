/** The baseline: a bare Socket.IO relay server, the same latency, memory, burst and race as the API. */
import path from 'node:path';
import { BENCH_DIST } from '../paths.js';
import { sched, sleep, summarize, type Summary } from '../util.js';
import { CFG } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { compactedNote, type Memory, memory, memorySteps, profiled, type Server, startServer } from '../harness/processes.js';
import { addRow, details, ms } from '../harness/results.js';
import { log, schedNote } from '../harness/system.js';

export interface Latency {
  one: Summary;
  boardEach: Summary;
  boardLast: Summary;
}

export async function baseline(
  load: Load,
  workerIds: string[],
  memoryOnly = false,
): Promise<{ latency?: Latency; perSocket: { rss: number; heap: number; at: number }[] }> {
  log('baseline: bare Socket.IO relay server');
  const server = await startServer('baseline', path.join(BENCH_DIST, 'baseline-server.js'), {}, '/health');
  try {
    const mems: Memory[] = [await memory(server, 0)];
    const specs = workerIds.map((id) => ({ id, token: '', lat: 0, lng: 0 }));
    const c = { connected: 0, failed: 0 };
    for (const part of memorySteps(specs)) {
      const r = await load.workers(server.url, part, false, true);
      c.connected += r.connected;
      c.failed += r.failed;
      mems.push(await memory(server, c.connected));
    }
    log(`baseline: ${c.connected} sockets (${c.failed} failed)`);
    const perSocket = mems.slice(1).map((m) => ({
      at: m.sockets,
      rss: (m.rss - mems[0].rss) / m.sockets,
      heap: (m.heapUsed - mems[0].heapUsed) / m.sockets,
      note: compactedNote(m, mems[0]),
    }));
    details.baselineMemory = mems;
    const g = '[baseline]';
    for (const p of perSocket) {
      addRow({ group: g, figure: `RSS per socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.rss / 1024, note: p.note });
      addRow({ group: g, figure: `heap per socket @ ${p.at.toLocaleString()}`, unit: 'KB', value: p.heap / 1024 });
    }
    if (memoryOnly) return { perSocket };
    const b = await load.boards(
      server.url,
      Array.from({ length: CFG.boards }, () => 'all'),
    );

    const one: number[] = [];
    const each: number[] = [];
    const last: number[] = [];
    let missed = 0;
    let until = Date.now() + CFG.baselineBudgetMs;
    for (let i = 0; i < CFG.baselineSamples && (i < 20 || Date.now() < until); i++) {
      const id = `baseline-one-${i}`;
      const target = workerIds[(i * 7919) % workerIds.length];
      const r = await load.poster.call<{ t0: number; status: number }>('relay', {
        url: server.url,
        body: { nsp: '/worker', room: `worker:${target}`, event: 'offer', payload: offerLike(id) },
      });
      if (!(await load.seen.wait(() => load.seen.count('offers', id) >= 1, 5000))) missed++;
      one.push(Math.min(...(load.seen.offers.get(id) ?? [Infinity])) - r.t0);
      load.seen.forget(id);
    }
    until = Date.now() + CFG.baselineBudgetMs;
    for (let i = 0; i < CFG.baselineSamples && (i < 20 || Date.now() < until); i++) {
      const id = `baseline-board-${i}`;
      const r = await load.poster.call<{ t0: number }>('relay', {
        url: server.url,
        body: { nsp: '/board', room: 'board:all', event: 'shift:opened', payload: { seq: i + 1, shift: boardShiftLike(id) } },
      });
      if (!(await load.seen.wait(() => load.seen.count('boards', id) >= b.connected, 5000))) missed++;
      const times = (load.seen.boards.get(id) ?? []).map((t) => t - r.t0);
      each.push(...times);
      last.push(times.length >= b.connected ? Math.max(...times) : Infinity);
      load.seen.forget(id);
    }
    await load.forget();
    const latency = { one: summarize(one), boardEach: summarize(each), boardLast: summarize(last) };
    addRow({
      group: g,
      figure: 'HTTP→one client (bare Socket.IO relay)',
      unit: 'ms',
      stats: latency.one,
      note: `${c.connected.toLocaleString()} sockets connected`,
    });
    addRow({ group: g, figure: `HTTP→${b.connected} clients, each client`, unit: 'ms', stats: latency.boardEach });
    addRow({ group: g, figure: `HTTP→${b.connected} clients, last of them`, unit: 'ms', stats: latency.boardLast });
    if (missed) log(`baseline: ${missed} relays not seen in time`);
    return { latency, perSocket };
  } finally {
    await load.closeSockets();
    await server.stop();
  }
}

export interface BaselineBurst {
  offers: number;
  rate: Summary;
  emitRate: Summary;
  cpuMsPerOffer: Summary;
  /** Accept acks of the bare server's races (the first `raceSlots` accepts of an offer win). */
  raceAcks: Summary;
}

/**
 * The fan-out baseline: the bare Socket.IO server holds the fan-out phase's workers and emits one offer-sized
 * event to each worker's room, one emit per room as the API's notifier does. CPU is its main thread's
 * (schedstat, µs resolution: a burst is a few tens of ms).
 */
export async function baselineBurst(load: Load, workerIds: string[]): Promise<BaselineBurst> {
  log(`baseline: ${CFG.bursts} bursts of ${workerIds.length.toLocaleString()} offers from the bare Socket.IO server`);
  const server = await startServer(
    'baseline-burst',
    path.join(BENCH_DIST, 'baseline-server.js'),
    { RACE_SLOTS: String(CFG.raceSlots) },
    '/health',
  );
  try {
    const c = await load.workers(
      server.url,
      workerIds.map((id) => ({ id, token: '', lat: 0, lng: 0 })),
      false,
      true,
    );
    const bursts: Array<{ rate: number; emitRate: number; cpuMsPerOffer: number }> = [];
    for (let i = 0; i < CFG.bursts + 1; i++) {
      const id = `baseline-burst-${i}`;
      const s0 = sched(server.proc.pid);
      const r = await load.poster.call<{ t0: number }>('relay', {
        url: server.url,
        body: { nsp: '/worker', rooms: workerIds.map((w) => `worker:${w}`), event: 'offer', payload: offerLike(id) },
      });
      await load.seen.wait(() => load.seen.count('offers', id) >= c.connected, 30_000);
      await sleep(50);
      const cpuMs = sched(server.proc.pid).run - s0.run;
      const times = load.seen.offers.get(id) ?? [];
      const last = Math.max(...times) - r.t0;
      const first = Math.min(...times) - r.t0;
      // the first burst warms the JIT up and is not counted
      if (i > 0)
        bursts.push({
          rate: times.length / (last / 1000),
          emitRate: times.length / (Math.max(1, last - first) / 1000),
          cpuMsPerOffer: cpuMs / times.length,
        });
      await load.forget();
    }
    const race = await baselineRaces(load, server, workerIds);
    const result = {
      offers: c.connected,
      rate: summarize(bursts.map((b) => b.rate)),
      emitRate: summarize(bursts.map((b) => b.emitRate)),
      cpuMsPerOffer: summarize(bursts.map((b) => b.cpuMsPerOffer)),
      raceAcks: summarize(race.acks),
    };
    const g = '[baseline]';
    addRow({
      group: g,
      figure: `offers delivered per second (HTTP → last of ${c.connected.toLocaleString()})`,
      unit: 'offers/s',
      stats: result.rate,
    });
    addRow({ group: g, figure: '  the same, first offer → last offer only (the emitting)', unit: 'offers/s', stats: result.emitRate });
    addRow({ group: g, figure: '  CPU per offer (main thread)', unit: 'ms', stats: result.cpuMsPerOffer });
    addRow({
      group: g,
      figure: `${c.connected.toLocaleString()}-way race for ${CFG.raceSlots} slots: accept ack latency (acked at once)`,
      unit: 'ms',
      stats: result.raceAcks,
      note: `races after ${CFG.raceWarmups} not counted; the first: median ${ms(race.cold.median)}, p99 ${ms(race.cold.p99)} ms; winners per race ${race.winners.join(',')}; ${race.note}`,
    });
    details.baselineBurst = { bursts, ...result, raceWinners: race.winners };
    return result;
  } finally {
    await load.closeSockets();
    await server.stop();
  }
}

/** A series of races' ack latencies: the first `CFG.raceWarmups` are not counted, the very first is kept apart. */
export class RaceTally {
  readonly acks: number[] = [];
  cold: Summary = summarize([]);
  private races = 0;

  /** Takes one race's ack latencies; answers its name and figures for the log. */
  add(ackMs: number[]): string {
    const i = this.races++;
    const one = summarize(ackMs);
    if (i === 0) this.cold = one;
    if (i >= CFG.raceWarmups) this.acks.push(...ackMs);
    return `race ${i}${i < CFG.raceWarmups ? ' (warm-up)' : ''}: ack median ${ms(one.median)}, p99 ${ms(one.p99)}, last ${ms(one.max)} ms`;
  }
}

/**
 * The transport's share of the accept race: the same sockets get one offer each from the bare server, then
 * accept it all at once, as in the API's race; the server acks each at once (no database, no gate).
 */
export async function baselineRaces(load: Load, server: Server, workerIds: string[]) {
  const tally = new RaceTally();
  const winners: number[] = [];
  const s0 = sched(server.proc.pid);
  const race = async (id: string) => {
    await load.poster.call('relay', {
      url: server.url,
      body: { nsp: '/worker', rooms: workerIds.map((w) => `worker:${w}`), event: 'offer', payload: offerLike(id, id) },
    });
    await load.seen.wait(() => load.seen.count('offers', id) >= workerIds.length, 30_000);
    await sleep(50);
    const results = (
      await Promise.all(load.loaders.map((l) => l.call<Array<{ ms: number; ok: boolean }>>('accept', { shiftId: id }, 120_000)))
    ).flat();
    load.seen.forget(id);
    return results;
  };
  for (let i = 0; i < CFG.raceWarmups + CFG.raceRepeats; i++) {
    const results = await race(`baseline-race-${i}`);
    winners.push(results.filter((r) => r.ok).length);
    log(`baseline: ${tally.add(results.map((r) => r.ms))}`);
  }
  await profiled(server, 'baseline-race', () => race('baseline-race-profiled'));
  return { acks: tally.acks, winners, cold: tally.cold, note: schedNote(server.proc.pid, s0) };
}

export function offerLike(shiftId: string, offerId = '1f0c0f0e-7c55-4a4e-9d1e-5f3c1a2b3c4d') {
  return {
    offerId,
    shift: {
      id: shiftId,
      title: '配电箱安装（压测）',
      trade: 'electrician',
      wage: { amount: 300, unit: 'day' },
      location: { lat: 36.06, lng: 103.84 },
      address: '兰州市城关区庆阳路 1 号',
      startsAt: new Date().toISOString(),
      endsAt: new Date().toISOString(),
      terms: { transportProvided: false, mealsProvided: true, nightWork: false, physicalDemand: 'moderate', olderFriendly: false },
      employerName: '压测用工单位',
      description: '压测发布的用工，会被立即取消',
    },
    distanceKm: 1.2,
    expiresAt: new Date().toISOString(),
    reasons: ['1.2 km', '可靠度 95%', '今日已等候 40 分钟'],
    reasonDetails: [
      { code: 'distance', value: 1.2, weight: 0.45 },
      { code: 'reliability', value: 95, weight: 0.25 },
      { code: 'waiting', value: 40, weight: 0.05 },
    ],
  };
}
export function boardShiftLike(id: string) {
  const { shift } = offerLike(id);
  return {
    ...shift,
    tradeName: '电工',
    tradeNameEn: 'Electrician',
    headcount: 1,
    filled: 0,
    remaining: 1,
    status: 'open',
    distanceKm: 1.2,
    postedAt: new Date().toISOString(),
  };
}
