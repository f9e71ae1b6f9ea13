/** Fan-out: the accept race (1,000 racers, 10 slots) and offer bursts. */
import path from 'node:path';
import { inclusiveShare } from '../profile.js';
import { type PreparedDatabase } from '../seed.js';
import { sched, sleep, summarize, waitFor } from '../util.js';
import { type BaselineBurst, RaceTally } from './baseline.js';
import { CFG, TARGETS } from '../harness/config.js';
import { type Load } from '../harness/load.js';
import { PROFILE_DIR, profiled } from '../harness/processes.js';
import { addRow, details, ms, verdict } from '../harness/results.js';
import { connectAll, nextWindow, raceBody, startApi } from './shared.js';
import { cpuSeconds, log, schedNote } from '../harness/system.js';

/** Phase B: DISPATCH_FANOUT=100 and a 50 km first wave, so one shift offers to thousands: races and offer bursts. */
export async function phaseFanout(
  label: string,
  db: PreparedDatabase,
  secret: string,
  env: Record<string, string>,
  load: Load,
  base?: BaselineBurst,
) {
  log(`${label}: starting the API with DISPATCH_FANOUT=100, DISPATCH_START_RADIUS_KM=50`);
  const api = await startApi(label, db, secret, { ...env, DISPATCH_FANOUT: '100', DISPATCH_START_RADIUS_KM: '50' });
  const g = `[${label}]`;
  const isEmbedded = label.startsWith('embedded');
  try {
    const setup = await connectAll(api, load, db.people, false);
    const racers = Math.min(CFG.racers, setup.workers);
    const slots = Math.min(CFG.raceSlots, racers);
    const headcount = slots;
    const expectedOffers = Math.min(setup.workers, headcount * 100);

    // --- the race
    const winners: number[] = [];
    const filledCounts: number[] = [];
    const codes: Record<string, number> = {};
    const bursts: Array<{ offers: number; ms: number; rate: number }> = [];
    const race = async () => {
      const withdrawnBefore = (await load.counters()).withdrawn ?? 0;
      const r = await load.poster.call<{ t0: number; status: number; id?: string; body?: unknown }>('post', {
        url: api.server.url,
        token: db.people.employer.token,
        body: raceBody(headcount, nextWindow()),
      });
      if (r.status !== 201 || !r.id) throw new Error(`race POST → ${r.status} ${JSON.stringify(r.body)}`);
      const id = r.id;
      await load.seen.wait(() => load.seen.count('offers', id) >= expectedOffers, 60_000);
      await sleep(50);
      const times = load.seen.offers.get(id) ?? [];
      bursts.push({ offers: times.length, ms: Math.max(...times) - r.t0, rate: times.length / ((Math.max(...times) - r.t0) / 1000) });
      const results = (
        await Promise.all(
          load.loaders.map((l) => l.call<Array<{ ms: number; ok: boolean; code: string }>>('accept', { shiftId: id }, 120_000)),
        )
      ).flat();
      const shift = await load.poster.call<{ status: number; body: { filled?: number; hires?: unknown[]; status?: string } }>('get', {
        url: api.server.url,
        token: db.people.employer.token,
        path: `/api/shifts/${id}`,
      });
      load.seen.forget(id);
      // Each race starts from the same state: the losers' offers of the last one are withdrawn and told.
      const losers = times.length - results.filter((x) => x.ok).length;
      await waitFor(async () => ((await load.counters()).withdrawn ?? 0) >= withdrawnBefore + losers, 10_000);
      return { results, offers: times.length, filled: shift.body.filled ?? -1, hires: shift.body.hires?.length ?? -1 };
    };
    log(
      `${label}: ${CFG.raceRepeats} races of ${racers} workers for ${slots} slots, after ${CFG.raceWarmups} that warm the accept path up`,
    );
    const raceSched = sched(api.server.proc.pid);
    const tally = new RaceTally();
    for (let i = 0; i < CFG.raceWarmups + CFG.raceRepeats; i++) {
      const { results, offers, filled, hires } = await race();
      const ok = results.filter((x) => x.ok).length;
      winners.push(ok);
      filledCounts.push(filled);
      for (const x of results) codes[x.code] = (codes[x.code] ?? 0) + 1;
      log(
        `${label}: ${tally.add(results.map((x) => x.ms))}; ${offers} offers out, ${results.length} accepts, ${ok} won, shift filled ${filled}, hires ${hires}`,
      );
      if (hires !== ok) log(`${label}: race ${i}: hires listed (${hires}) differ from winning acks (${ok})`);
    }
    const raceNote = schedNote(api.server.proc.pid, raceSched);
    await profiled(api.server, `${label}-race`, race);
    const ackStats = summarize(tally.acks);
    const exact = winners.every((w) => w === slots) && filledCounts.every((f) => f === slots);
    addRow({
      group: g,
      figure: `${racers}-way race for ${slots} slots: accept ack latency`,
      unit: 'ms',
      stats: ackStats,
      note: `races after ${CFG.raceWarmups} not counted; the first after start: median ${ms(tally.cold.median)}, p99 ${ms(tally.cold.p99)} ms; winners per race (the first too) ${winners.join(',')}; filled ${filledCounts.join(',')}; answers ${JSON.stringify(codes)}; ${raceNote}`,
    });
    details[`${label}.race`] = { winners, filledCounts, codes, acks: ackStats, coldRace: tally.cold };
    if (base)
      addRow({
        group: '[ratio]',
        figure: 'race accept ack ÷ baseline (median; p99)',
        unit: '×',
        value: ackStats.median / base.raceAcks.median,
        note: `p99 ${(ackStats.p99 / base.raceAcks.p99).toFixed(2)}×`,
      });
    if (isEmbedded) {
      verdict(
        `${racers}-way race p99 ≤ ${TARGETS.raceP99} ms with exactly ${slots} winners`,
        `p99 ${ms(ackStats.p99)} ms; winners ${winners.join(',')}`,
        ackStats.p99 <= TARGETS.raceP99 && exact,
        base ? `the bare Socket.IO server acking the same race at once: p99 ${ms(base.raceAcks.p99)} ms` : undefined,
      );
    }

    // --- offer bursts: one shift offered to every waiting worker
    const burstHeadcount = Math.min(200, Math.ceil(setup.workers / 100));
    const burstExpected = Math.min(setup.workers, burstHeadcount * 100);
    const offerBursts: Array<{
      offers: number;
      ms: number;
      rate: number;
      firstMs: number;
      emitRate: number;
      cpuMsPerOffer: number;
      mainCpuMsPerOffer: number;
    }> = [];
    const burst = async (delivered?: () => Promise<void>) => {
      const cpu0 = cpuSeconds(api.server.proc.pid);
      const main0 = sched(api.server.proc.pid);
      const r = await load.poster.call<{ t0: number; status: number; id?: string; body?: unknown }>('post', {
        url: api.server.url,
        token: db.people.employer.token,
        body: raceBody(burstHeadcount, nextWindow()),
      });
      if (r.status !== 201 || !r.id) throw new Error(`burst POST → ${r.status} ${JSON.stringify(r.body)}`);
      const id = r.id;
      await load.seen.wait(() => load.seen.count('offers', id) >= burstExpected, 120_000);
      await sleep(50);
      const cpuMs = (cpuSeconds(api.server.proc.pid) - cpu0) * 1000;
      const mainCpuMs = sched(api.server.proc.pid).run - main0.run;
      await delivered?.();
      const times = load.seen.offers.get(id) ?? [];
      const lastMs = Math.max(...times) - r.t0;
      const firstMs = Math.min(...times) - r.t0;
      await load.poster.call('cancel', { url: api.server.url, token: db.people.employer.token, ids: [id], concurrency: 1 }, 300_000);
      await load.forget();
      return {
        offers: times.length,
        ms: lastMs,
        rate: times.length / (lastMs / 1000),
        firstMs,
        emitRate: times.length / (Math.max(1, lastMs - firstMs) / 1000),
        cpuMsPerOffer: cpuMs / Math.max(1, times.length),
        mainCpuMsPerOffer: mainCpuMs / Math.max(1, times.length),
      };
    };
    log(
      `${label}: ${CFG.bursts} offer bursts of ${burstExpected.toLocaleString()} offers (one shift, headcount ${burstHeadcount} × fan-out 100)`,
    );
    const burstSched = sched(api.server.proc.pid);
    for (let i = 0; i < CFG.bursts; i++) {
      const b = await burst();
      offerBursts.push(b);
      log(
        `${label}: burst ${i + 1}: ${b.offers} offers, first after ${ms(b.firstMs)} ms, last after ${ms(b.ms)} ms → ${Math.round(b.rate).toLocaleString()} offers/s`,
      );
    }
    const burstNote = schedNote(api.server.proc.pid, burstSched);
    // The profile stops once the offers are delivered, before the shift is cancelled.
    // The socket side alone: Notifier.pushOffers (one emit per offer through socket.io, engine.io, ws and the
    // writes) as a share of a profiled burst's busy samples, times the main thread's CPU per offer in that
    // burst: the profile is of the main thread (the baseline's CPU is its main thread's too), and V8's and
    // libuv's helper threads are not in it. Profile samples are wall time and also count time spent waiting
    // for a core; the share of busy samples does not.
    // The median of three profiled bursts: one alone moved 0.6-1.6× the baseline with a major GC inside it.
    const socketSides: Array<{ msPerOffer: number; samples: number }> = [];
    for (let k = 1; k <= 3; k++) {
      const key = `${label}-offer-burst${k === 1 ? '' : `-${k}`}`;
      const profiledBurst = await profiled(api.server, key, (stop) => burst(stop));
      const push = inclusiveShare(path.join(PROFILE_DIR, `${key}.cpuprofile`), '/api/dist/workers/worker.notifier.js', 'pushOffers');
      socketSides.push({ msPerOffer: push.share * profiledBurst.mainCpuMsPerOffer, samples: push.samples });
    }
    const emitMsPerOffer = summarize(socketSides.map((x) => x.msPerOffer)).median;
    const pushSamples = socketSides.reduce((a, x) => a + x.samples, 0);
    const rates = summarize(offerBursts.map((b) => b.rate));
    const emitRates = summarize(offerBursts.map((b) => b.emitRate));
    const cpuPerOffer = summarize(offerBursts.map((b) => b.cpuMsPerOffer));
    const mainCpuPerOffer = summarize(offerBursts.map((b) => b.mainCpuMsPerOffer));
    addRow({
      group: g,
      figure: `offers delivered per second (POST → last of ${burstExpected.toLocaleString()} offers)`,
      unit: 'offers/s',
      stats: rates,
      note: `first offer after ${offerBursts.map((b) => ms(b.firstMs)).join(', ')} ms, last after ${offerBursts.map((b) => ms(b.ms)).join(', ')} ms; race bursts (${expectedOffers}) ${bursts.map((b) => Math.round(b.rate)).join(', ')}/s; ${burstNote}`,
    });
    addRow({ group: g, figure: '  the same, first offer → last offer only (the emitting)', unit: 'offers/s', stats: emitRates });
    addRow({
      group: g,
      figure: '  API CPU per offer (whole burst, all threads)',
      unit: 'ms',
      stats: cpuPerOffer,
      note: `the event loop's thread ${mainCpuPerOffer.median.toFixed(3)} ms of it; all of it on one saturated core would be at most ${Math.round(1000 / cpuPerOffer.median).toLocaleString()} offers/s`,
    });
    addRow({
      group: g,
      figure: '  of which the socket side (Notifier.pushOffers → socket.io → write, median of 3 profiled bursts)',
      unit: 'ms',
      value: emitMsPerOffer,
      note: `${socketSides.map((x) => x.msPerOffer.toFixed(4)).join(', ')} ms; ${pushSamples} profile samples${base ? `; baseline ${base.cpuMsPerOffer.median.toFixed(4)} ms per offer` : ''}`,
    });
    details[`${label}.bursts`] = { offerBursts, raceBursts: bursts, emitRates, cpuPerOffer, mainCpuPerOffer, emitMsPerOffer };
    if (base) {
      const whole = cpuPerOffer.median / base.cpuMsPerOffer.median;
      const emitSide = emitMsPerOffer / base.cpuMsPerOffer.median;
      addRow({
        group: '[ratio]',
        figure: 'API CPU per offer ÷ baseline (whole burst; socket side)',
        unit: '×',
        value: whole,
        note: `socket side ${emitSide.toFixed(2)}×`,
      });
      if (isEmbedded) {
        verdict(
          `CPU per delivered offer ≤ 1.5× baseline (whole burst; socket side)`,
          `${whole.toFixed(1)}×; ${emitSide.toFixed(2)}× (${cpuPerOffer.median.toFixed(3)}; ${emitMsPerOffer.toFixed(4)} vs ${base.cpuMsPerOffer.median.toFixed(4)} ms)`,
          pushSamples >= 20 ? emitSide <= 1.5 : null,
          `the whole burst includes ranking and writing the offers to the database${pushSamples < 20 ? `; only ${pushSamples} samples of the socket side: too few to judge` : ''}`,
        );
      }
    }
    if (isEmbedded) {
      verdict(
        `≥ ${TARGETS.offersPerSecond.toLocaleString()} offers delivered per second`,
        `median ${Math.round(rates.median).toLocaleString()}/s over ${rates.n} bursts`,
        rates.median >= TARGETS.offersPerSecond,
      );
    }
  } catch (error) {
    log(`${label}: failed; the API's last output:\n${api.server.output.join('').slice(-4000)}`);
    throw error;
  } finally {
    await load.closeSockets();
    await api.server.stop();
  }
}
