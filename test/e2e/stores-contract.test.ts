import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, test } from '@jest/globals';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { BoardBus } from '../../api/src/boards/board-bus.js';
import { MemoryBoardBus } from '../../api/src/boards/memory-board-bus.js';
import { TopRanked } from '../../api/src/dispatch/ranking.js';
import { distanceKm } from '../../api/src/common/geo.js';
import { MemoryPresenceStore } from '../../api/src/presence/memory-presence.store.js';
import type { PresenceStore, WorkerPresence } from '../../api/src/presence/presence.store.js';
import { RedisBoardBus } from '../../api/src/boards/redis-board-bus.js';
import { RedisPresenceStore } from '../../api/src/presence/redis-presence.store.js';
import { LANZHOU, north } from '../support/clients.js';
import { collectNearby as nearby } from '../support/collect-nearby.js';
import { rankCandidates } from '../support/ranking-reference.js';
import { dropKeys } from '../bench/stores.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: Redis[] = [];
const redis = () => {
  const c = new Redis(REDIS_URL);
  clients.push(c);
  return c;
};
const prefixes: string[] = [];
const prefix = () => {
  const p = `lg-contract-${randomBytes(4).toString('hex')}:`;
  prefixes.push(p);
  return p;
};

afterAll(async () => {
  // Redis is shared with every other run on the machine: take back what this file wrote.
  for (const p of prefixes) await dropKeys(REDIS_URL, p);
  await Promise.all(clients.map((c) => c.quit()));
});

const presenceStores: Array<[string, () => PresenceStore]> = [
  ['memory', () => new MemoryPresenceStore()],
  ['redis', () => new RedisPresenceStore(redis(), prefix(), 60_000)],
];

function worker(id: string, km: number, trades = ['electrician'], status: WorkerPresence['status'] = 'waiting'): WorkerPresence {
  const marketIds = km <= 5 ? ['lz-chengguan'] : [];
  return { workerId: id, status, location: north(km), marketIds, trades, priority: 'none', reliability: 1, waitingSince: Date.now() };
}

describe.each(presenceStores)('presence store contract: %s', (_, make) => {
  test('nearby: only waiting workers of the trade within the radius, nearest first, with distances', async () => {
    const store = make();
    await store.put(worker('far', 6));
    await store.put(worker('near', 1));
    await store.put(worker('mid', 3));
    await store.put(worker('plumber', 0.5, ['plumber']));
    await store.put(worker('busy', 0.2, ['electrician'], 'busy'));
    const found = await nearby(store, 'electrician', LANZHOU, 5);
    expect(found.map((f) => f.presence.workerId)).toEqual(['near', 'mid']);
    expect(found[0].distanceKm).toBeCloseTo(1, 1);
    expect(found[0].presence).toMatchObject({ workerId: 'near', priority: 'none', reliability: 1, location: north(1) });
    expect(await store.countWaiting('electrician')).toBe(3);
    expect(await store.countWaitingAt('lz-chengguan')).toBe(3);
    expect(await store.countWaitingAt('tianshui')).toBe(0);
  });

  test('ranked search: the top 10 through the store equal the top 10 of all workers ranked by hand', async () => {
    const store = make();
    const now = Date.now();
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const all: WorkerPresence[] = [];
    for (let i = 0; i < 400; i++) {
      const p: WorkerPresence = {
        ...worker(`w${String(i).padStart(3, '0')}`, 0),
        location: { lat: LANZHOU.lat + (rnd() - 0.5) * 0.16, lng: LANZHOU.lng + (rnd() - 0.5) * 0.2 },
        reliability: 0.5 + rnd() / 2,
        waitingSince: now - rnd() * 240 * 60_000,
        priority: rnd() < 0.2 ? 'older' : 'none',
      };
      all.push(p);
      await store.put(p);
    }
    const everyone = await nearby(store, 'electrician', LANZHOU, 6);
    const expected = rankCandidates(
      everyone.map(({ presence, distanceKm }) => ({
        workerId: presence.workerId,
        distanceKm,
        reliability: presence.reliability,
        waitingMinutes: Math.max(0, (now - presence.waitingSince) / 60_000),
        priority: presence.priority,
      })),
    ).slice(0, 10);
    expect(everyone.length).toBeGreaterThan(100);
    const top = new TopRanked(10, now);
    await store.forEachNearby('electrician', LANZHOU, 6, top);
    expect(top.best().map((c) => c.workerId)).toEqual(expected.map((c) => c.workerId));
  });

  test('a search told to stop shows everyone nearer than where it stopped, and not the whole radius', async () => {
    const store = make();
    for (let i = 0; i < 60; i++) await store.put(worker(`w${i}`, i / 10));
    const shown = new Map<string, number>();
    let stoppedAt = Infinity;
    await store.forEachNearby('electrician', LANZHOU, 6, {
      consider: (p, km) => void shown.set(p.workerId, km),
      wantsBeyond: (km) => (km < 1.5 ? true : ((stoppedAt = km), false)),
    });
    expect(stoppedAt).toBeGreaterThanOrEqual(1.5);
    for (let i = 0; i < 60; i++) if (i / 10 < stoppedAt * 0.999) expect(shown.has(`w${i}`)).toBe(true);
    expect(shown.size).toBeLessThan(60);
    expect(shown.get('w10')).toBeCloseTo(1, 2);
  });

  test('a wide search finds exactly the workers within the radius, each once, near or far', async () => {
    const store = make();
    let seed = 5;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const all: WorkerPresence[] = [];
    for (let i = 0; i < 300; i++) {
      const p = { ...worker(`x${i}`, 0), location: { lat: LANZHOU.lat + (rnd() - 0.5) * 0.8, lng: LANZHOU.lng + (rnd() - 0.5) * 0.9 } };
      all.push(p);
      await store.put(p);
    }
    for (const radiusKm of [3, 12, 30]) {
      const found = await nearby(store, 'electrician', LANZHOU, radiusKm);
      const expected = all.filter((p) => distanceKm(LANZHOU, p.location) <= radiusKm).map((p) => p.workerId);
      expect(found.map((f) => f.presence.workerId).sort()).toEqual(expected.sort());
      for (const f of found) expect(f.distanceKm).toBeCloseTo(distanceKm(LANZHOU, f.presence.location), 1);
    }
    // Far workers ranked high (reliable, long waiting, priority) must still win over nearer ones when the search stops early.
    const now = Date.now();
    for (const p of all.slice(0, 40)) await store.put({ ...p, reliability: 1, waitingSince: now - 4 * 3600_000, priority: 'older' });
    const everyone = await nearby(store, 'electrician', LANZHOU, 30);
    const expected = rankCandidates(
      everyone.map(({ presence, distanceKm: km }) => ({
        workerId: presence.workerId,
        distanceKm: km,
        reliability: presence.reliability,
        waitingMinutes: Math.max(0, (now - presence.waitingSince) / 60_000),
        priority: presence.priority,
      })),
    ).slice(0, 10);
    const top = new TopRanked(10, now);
    await store.forEachNearby('electrician', LANZHOU, 30, top);
    expect(top.best().map((c) => c.workerId)).toEqual(expected.map((c) => c.workerId));
    expect(top.leftSome).toBe(true);
  });

  test('a worker who moves is found at the new place only, and counted once', async () => {
    const store = make();
    await store.put(worker('w', 0.3));
    await store.put(worker('w', 4.2));
    expect(await nearby(store, 'electrician', LANZHOU, 1)).toEqual([]);
    const found = await nearby(store, 'electrician', north(4.2), 0.5);
    expect(found.map((f) => [f.presence.workerId, f.presence.location])).toEqual([['w', north(4.2)]]);
    expect(await store.countWaiting('electrician')).toBe(1);
  });

  test('changing trades, going busy and removal take a worker out of searches', async () => {
    const store = make();
    await store.put(worker('w', 1, ['electrician', 'plumber']));
    await store.put(worker('w', 1, ['plumber']));
    expect(await nearby(store, 'electrician', LANZHOU, 5)).toEqual([]);
    expect((await nearby(store, 'plumber', LANZHOU, 5)).length).toBe(1);
    expect(await store.countWaitingAt('lz-chengguan')).toBe(1);
    await store.put(worker('w', 1, ['plumber'], 'busy'));
    expect(await nearby(store, 'plumber', LANZHOU, 5)).toEqual([]);
    expect(await store.countWaitingAt('lz-chengguan')).toBe(0);
    expect((await store.get('w'))?.status).toBe('busy');
    await store.put(worker('w', 1, ['plumber']));
    await store.put(worker('w', 8, ['plumber']));
    expect(await store.countWaitingAt('lz-chengguan')).toBe(0);
    await store.put(worker('w', 1, ['plumber']));
    expect(await store.countWaitingAt('lz-chengguan')).toBe(1);
    await store.remove('w');
    expect(await store.get('w')).toBeUndefined();
    expect(await store.countWaiting('plumber')).toBe(0);
    expect(await store.countWaitingAt('lz-chengguan')).toBe(0);
  });

  test('grace: a worker disconnected before the cut-off is taken offline once; a reconnected one is kept', async () => {
    const store = make();
    await store.put(worker('gone', 1));
    await store.put(worker('back', 1));
    await store.put(worker('here', 1));
    for (const id of ['gone', 'back', 'here']) await store.markConnected(id);
    await store.markDisconnected('gone', Date.now() - 10_000);
    await store.markDisconnected('back', Date.now() - 10_000);
    await store.markConnected('back');
    expect(await store.takeDisconnectedBefore(Date.now() - 5_000)).toEqual(['gone']);
    expect(await store.takeDisconnectedBefore(Date.now() - 5_000)).toEqual([]);
    expect(await store.get('gone')).toBeUndefined();
    expect((await nearby(store, 'electrician', LANZHOU, 5)).map((f) => f.presence.workerId).sort()).toEqual(['back', 'here']);
  });
});

const log = pino({ level: 'silent' });
const boardBuses: Array<[string, () => Promise<BoardBus>]> = [
  ['memory', async () => new MemoryBoardBus()],
  [
    'redis',
    async () => {
      const bus = new RedisBoardBus(redis(), redis(), prefix(), log);
      await bus.start();
      return bus;
    },
  ],
];

describe.each(boardBuses)('board bus contract: %s', (_, make) => {
  test('deltas are numbered from the snapshot seq, consecutively, per market, and delivered in order', async () => {
    const bus = await make();
    const got: Array<{ marketId: string; event: string; seq: number }> = [];
    bus.onDeliver((marketId, event, payload) => got.push({ marketId, event, seq: payload.seq }));
    const base = await bus.current('m1');
    const other = await bus.current('m2');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => bus.publish(i % 5 === 0 ? 'm2' : 'm1', 'shift:closed', { shiftId: `s${i}`, reason: 'filled' })),
    );
    await new Promise((r) => setTimeout(r, 200));
    const m1 = got.filter((g) => g.marketId === 'm1').map((g) => g.seq);
    const m2 = got.filter((g) => g.marketId === 'm2').map((g) => g.seq);
    expect(m1).toEqual(Array.from({ length: 40 }, (_, i) => base + 1 + i));
    expect(m2).toEqual(Array.from({ length: 10 }, (_, i) => other + 1 + i));
    expect(await bus.current('m1')).toBe(base + 40);
  });
});
