import { describe, expect, test } from '@jest/globals';
import { MemoryPresenceStore } from './memory-presence.store.js';
import type { NearbyWorker, WorkerPresence } from './presence.store.js';
import { collectNearby as nearby } from '../../../test/support/collect-nearby.js';

const MARKET = { lat: 36.06, lng: 103.83 };

/** A worker `northKm` north of the market (about 111.32 km per degree). */
function worker(workerId: string, northKm: number, over: Partial<WorkerPresence> = {}): WorkerPresence {
  return {
    workerId,
    status: 'waiting',
    location: { lat: MARKET.lat + northKm / 111.32, lng: MARKET.lng },
    marketIds: northKm <= 5 ? ['here'] : [],
    trades: ['mason'],
    priority: 'none',
    reliability: 1,
    waitingSince: 0,
    ...over,
  };
}

const idsOf = (list: Array<{ presence: NearbyWorker }>) => list.map((n) => n.presence.workerId);

describe('MemoryPresenceStore.forEachNearby', () => {
  test('returns only waiting workers of that trade within the radius, nearest first', async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('far', 4));
    await store.put(worker('near', 1));
    await store.put(worker('mid', 2.5, { trades: ['cook', 'mason'] }));
    await store.put(worker('cook', 0.5, { trades: ['cook'] }));
    await store.put(worker('busy', 0.2, { status: 'busy' }));
    await store.put(worker('outside', 9));

    const found = await nearby(store, 'mason', MARKET, 5);
    expect(idsOf(found)).toEqual(['near', 'mid', 'far']);
    expect(found[0].distanceKm).toBeCloseTo(1, 1);
    expect(idsOf(await nearby(store, 'cook', MARKET, 5))).toEqual(['cook', 'mid']);
    expect(await nearby(store, 'welder', MARKET, 5)).toEqual([]);
  });

  test("a worker set to busy disappears from nearby and the market's count, and comes back when waiting", async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('w1', 1));
    await store.put(worker('w2', 2));
    expect(await store.countWaitingAt('here')).toBe(2);

    await store.put(worker('w1', 1, { status: 'busy' }));
    expect(await store.countWaitingAt('here')).toBe(1);
    expect(idsOf(await nearby(store, 'mason', MARKET, 5))).toEqual(['w2']);
    expect(await store.countWaitingAt('here')).toBe(1);
    expect((await store.get('w1'))?.status).toBe('busy');

    await store.put(worker('w1', 1));
    expect(idsOf(await nearby(store, 'mason', MARKET, 5))).toEqual(['w1', 'w2']);
  });

  test('changing trades or moving re-indexes the worker', async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('w1', 1));
    await store.put(worker('w1', 30, { trades: ['cook'] }));
    expect(await nearby(store, 'mason', MARKET, 50)).toEqual([]);
    expect(idsOf(await nearby(store, 'cook', MARKET, 5))).toEqual([]);
    expect(idsOf(await nearby(store, 'cook', MARKET, 50))).toEqual(['w1']);
    expect(await store.countWaitingAt('here')).toBe(0);
    expect(await store.countWaitingAt('elsewhere')).toBe(0);
  });

  test('remove forgets the worker everywhere', async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('w1', 1));
    await store.remove('w1');
    expect(await store.get('w1')).toBeUndefined();
    expect(await nearby(store, 'mason', MARKET, 5)).toEqual([]);
    expect(await store.countWaitingAt('here')).toBe(0);
  });
});

describe('MemoryPresenceStore disconnects', () => {
  test('takeDisconnectedBefore removes and returns only those disconnected before the cut-off', async () => {
    const store = new MemoryPresenceStore();
    for (const id of ['early', 'late', 'online', 'at-cutoff']) await store.put(worker(id, 1));
    await store.markDisconnected('early', 1_000);
    await store.markDisconnected('late', 5_000);
    await store.markDisconnected('at-cutoff', 3_000);

    expect(await store.takeDisconnectedBefore(3_000)).toEqual(['early']);
    expect(await store.get('early')).toBeUndefined();
    expect(await store.get('late')).toBeDefined();
    expect(await store.get('at-cutoff')).toBeDefined();
    expect(idsOf(await nearby(store, 'mason', MARKET, 5)).sort()).toEqual(['at-cutoff', 'late', 'online']);
    expect(await store.takeDisconnectedBefore(3_000)).toEqual([]);
  });

  test('a second disconnect keeps the first time', async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('w1', 1));
    await store.markDisconnected('w1', 1_000);
    await store.markDisconnected('w1', 9_000);
    expect((await store.get('w1'))?.disconnectedAt).toBe(1_000);
  });

  test('markConnected clears the disconnect, so the worker is not taken', async () => {
    const store = new MemoryPresenceStore();
    await store.put(worker('w1', 1));
    await store.markDisconnected('w1', 1_000);
    await store.markConnected('w1');
    expect((await store.get('w1'))?.disconnectedAt).toBeUndefined();
    expect(await store.takeDisconnectedBefore(10_000)).toEqual([]);
    expect(await store.get('w1')).toBeDefined();
  });
});
