import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { ChainVerifier, type StoredEntry } from '../../api/src/ledger/ledger-chain.js';
import { openDatabase, type Database } from '../../api/src/database/database.js';
import { seedDemoMarkets, seedReference } from '../../api/src/reference/seed.js';
import { connectCollecting, emitAck, http, newEmployer, newWorker, north, shiftBody, type TestWorker } from '../support/clients.js';
import { freshClusterDatabase, startInstance, type Instance } from '../support/cluster.js';
import type { Backend } from '../support/test-app.js';

/**
 * Issue 19, crash safety: the API as a child process, a burst of posts (some with an Idempotency-Key) and
 * accepts from real HTTP and Socket.IO clients, SIGKILL in the middle of it, a restart on the same data.
 * Then: no shift half-made, no hire without its assignment or the other way round, no offer left open past
 * its expiry once the restarted instance has had a sweep, an idempotent retry answered with the first
 * shift, every market's work log chain intact and holding an entry for every posting and every hire.
 */
const OFFER_TTL_S = 2;
const WORKERS = 12;
const EMPLOYERS = 4;
const HOUR = 3600_000;

interface Data {
  env: Record<string, string>;
  /** Opens the data in this process (for PGlite only once the API has stopped). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function pgliteData(): Promise<Data> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-crash-'));
  const open = () => openDatabase({ dataDir: dir });
  const db = await open();
  await seedReference(db.prisma);
  await seedDemoMarkets(db.prisma);
  await db.close();
  return { env: { DATA_DIR: dir }, open, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresData(): Promise<Data> {
  const fresh = await freshClusterDatabase();
  return {
    env: { DATABASE_URL: fresh.url },
    open: () => openDatabase({ databaseUrl: fresh.url, dataDir: 'memory://' }),
    drop: () => fresh.drop(),
  };
}

/** Workers waiting near the market who accept every offer they are sent, as fast as it comes. */
async function eagerWorkers(api: Instance, sockets: Socket[], hires: { count: number }): Promise<void> {
  for (let i = 0; i < WORKERS; i++) {
    const worker = await newWorker(api.app, { trades: ['electrician'] });
    const { socket } = await connectCollecting(api.app, '/worker', { token: worker.token }, []);
    socket.on('offer', (offer: { offerId: string }) => {
      emitAck<{ ok: boolean }>(socket, 'offer:accept', { offerId: offer.offerId }, 5_000)
        .then((ack) => (hires.count += ack.ok ? 1 : 0))
        .catch(() => undefined);
    });
    sockets.push(socket);
    await emitAck(socket, 'presence', { status: 'waiting', location: north(0.2 + i * 0.1) });
  }
}

/** Each employer posts shifts one after another, at separate times so that a worker can hold many. */
type Keyed = Map<string, { employer: TestWorker; body: Record<string, unknown> }>;

function postBurst(api: Instance, employers: TestWorker[], stop: { now: boolean }, keys: Keyed) {
  let n = 0;
  return employers.map(async (employer) => {
    while (!stop.now) {
      const i = n++;
      const startsAt = Date.now() + HOUR + (i % 30) * 9 * HOUR; // within the 14 days a posting may reach
      const body = shiftBody({
        headcount: 1 + (i % 3),
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 8 * HOUR).toISOString(),
      });
      const key = `crash-${i}`;
      const headers: Record<string, string> = i % 2 ? { 'Idempotency-Key': key } : {};
      if (i % 2) keys.set(key, { employer, body });
      await http(api.app, 'POST', '/api/shifts', { token: employer.token, body, headers }).catch(() => undefined);
    }
  });
}

async function verifyChains(db: Database): Promise<{ entries: number; recovered: number; subjects: Set<string> }> {
  const entries = await db.prisma.ledgerEntry.findMany({ orderBy: [{ marketId: 'asc' }, { seq: 'asc' }] });
  const verifiers = new Map<string, ChainVerifier>();
  for (const e of entries) {
    const verifier = verifiers.get(e.marketId) ?? new ChainVerifier();
    verifiers.set(e.marketId, verifier);
    const stored: StoredEntry = { ...e, at: e.at.toISOString(), data: JSON.parse(e.data) as Record<string, unknown> };
    const ok = verifier.push(stored);
    if (!ok) throw new Error(`work log of ${e.marketId} broken at seq ${verifier.firstBroken}`);
  }
  for (const head of await db.prisma.ledgerHead.findMany()) {
    const last = entries.filter((e) => e.marketId === head.marketId).at(-1);
    expect({ market: head.marketId, seq: head.seq, hash: head.hash }).toEqual({ market: head.marketId, seq: last?.seq, hash: last?.hash });
  }
  const recovered = entries.filter((e) => (JSON.parse(e.data) as { recovered?: boolean }).recovered).length;
  return { entries: entries.length, recovered, subjects: new Set(entries.map((e) => `${e.type}:${e.subject}`)) };
}

describe.each(['pglite', 'postgres'] as Backend[])('kill -9 in a burst of posts and accepts, on %s', (backend) => {
  const sockets: Socket[] = [];
  let api: Instance | undefined;
  let data: Data | undefined;

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await api?.kill('SIGKILL');
    await data?.drop();
  });

  test('after a restart every row is whole, offers expire, the work log holds', async () => {
    data = backend === 'pglite' ? await pgliteData() : await postgresData();
    const env = { ...data.env, DISPATCH_OFFER_TTL_S: String(OFFER_TTL_S), DISPATCH_FANOUT: '20', DISPATCH_SWEEP_S: '0.3' };
    api = await startInstance(`crash-${backend}`, env);
    const employers = await Promise.all(Array.from({ length: EMPLOYERS }, () => newEmployer(api!.app)));
    const hires = { count: 0 };
    await eagerWorkers(api, sockets, hires);

    const stop = { now: false };
    const keys: Keyed = new Map();
    const posting = postBurst(api, employers, stop, keys);
    // Kill once hires are being made (not before), while posts and accepts are in flight.
    const started = Date.now();
    while (Date.now() - started < 20_000 && hires.count < 15) await new Promise((r) => setTimeout(r, 20));
    await api.kill('SIGKILL');
    stop.now = true;
    await Promise.all(posting);
    for (const s of sockets.splice(0)) s.disconnect();

    api = await startInstance(`crash-${backend}-again`, env);
    // An idempotent retry of every keyed post made before the crash: the first answer, or the post made now.
    const retried = new Map<string, string>();
    for (const [key, { employer, body }] of keys) {
      const again = await http(api.app, 'POST', '/api/shifts', { token: employer.token, body, headers: { 'Idempotency-Key': key } });
      expect({ key, status: again.status }).toEqual({ key, status: 201 });
      retried.set(key, again.body.id);
    }
    // Offers sent before the crash expire on the restarted instance's clock.
    await new Promise((r) => setTimeout(r, (OFFER_TTL_S + 3) * 1000));
    const checkedAt = new Date(Date.now() - 1_000);
    await api.kill('SIGTERM');

    const db = await data.open();
    try {
      const shifts = await db.prisma.shift.findMany({ include: { assignments: true } });
      const offers = await db.prisma.offer.findMany();
      const assignments = await db.prisma.assignment.findMany();
      expect(shifts.length).toBeGreaterThan(3);
      expect(assignments.length).toBeGreaterThan(3);
      for (const s of shifts) {
        const active = s.assignments.filter((a) => a.status !== 'cancelled').length;
        expect({ shift: s.id, filled: s.filled }).toEqual({ shift: s.id, filled: active });
        expect(s.filled).toBeLessThanOrEqual(s.headcount);
        if (s.status === 'filled') expect(s.filled).toBe(s.headcount);
        if (s.status === 'open') expect(s.filled).toBeLessThan(s.headcount);
      }
      const offerById = new Map(offers.map((o) => [o.id, o]));
      for (const a of assignments) {
        const offer = offerById.get(a.offerId);
        expect({ hire: a.id, offer: offer?.status, shift: offer?.shiftId, worker: offer?.workerId }).toEqual({
          hire: a.id,
          offer: 'accepted',
          shift: a.shiftId,
          worker: a.workerId,
        });
      }
      const hired = new Set(assignments.map((a) => a.offerId));
      for (const o of offers.filter((o) => o.status === 'accepted'))
        expect({ offer: o.id, hired: hired.has(o.id) }).toEqual({ offer: o.id, hired: true });
      const stuck = offers.filter((o) => o.status === 'open' && o.expiresAt < checkedAt);
      expect(stuck.map((o) => ({ id: o.id, expiresAt: o.expiresAt }))).toEqual([]);
      const records = await db.prisma.idempotencyRecord.findMany();
      expect(records).toHaveLength(keys.size);
      const ids = new Set(shifts.map((s) => s.id));
      for (const r of records) {
        expect({ key: r.key, status: r.status }).toEqual({ key: r.key, status: 201 });
        expect({ key: r.key, id: (r.response as { id: string }).id, exists: ids.has(retried.get(r.key)!) }).toEqual({
          key: r.key,
          id: retried.get(r.key),
          exists: true,
        });
      }

      const { entries, recovered, subjects } = await verifyChains(db);
      expect(entries).toBeGreaterThan(0);
      const missing = [
        ...shifts.filter((s) => !subjects.has(`shift_posted:${s.id}`)).map((s) => `shift_posted:${s.id}`),
        ...assignments.filter((a) => !subjects.has(`hire:${a.id}`)).map((a) => `hire:${a.id}`),
      ];
      expect(missing).toEqual([]);
      console.log(
        `[${backend}] after kill -9: ${shifts.length} shifts, ${assignments.length} hires, ${offers.length} offers, ${entries} log entries (${recovered} recovered)`,
      );
    } finally {
      await db.close();
    }
  }, 180_000);
});
