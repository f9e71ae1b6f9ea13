import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { connectCollecting, emitAck, http, newEmployer, newWorker, north, shiftBody, waitFor } from '../support/clients.js';
import { freshClusterDatabase, startInstance, startRedis, type Instance } from '../support/cluster.js';

describe('several instances as one service (PostgreSQL + Redis, separate processes)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let database: Awaited<ReturnType<typeof freshClusterDatabase>>;
  let env: Record<string, string>;
  let instances: Instance[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    database = await freshClusterDatabase();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `lg-test-${randomBytes(4).toString('hex')}:`,
      DISPATCH_FANOUT: '60',
      DISPATCH_OFFER_TTL_S: '8',
      DISPATCH_SWEEP_S: '0.5',
      PRESENCE_GRACE_S: '30',
    };
    instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance(name, env)));
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(instances.map((i) => i.kill()));
    await redis.stop();
    await database.drop();
  }, 60_000);

  const [A, B, C] = [0, 1, 2];
  const query = async <T>(sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };

  async function waitingWorker(on: Instance, trade: string, km: number) {
    const worker = await newWorker(on.app, { trades: [trade] });
    const c = await connectCollecting(on.app, '/worker', { token: worker.token }, ['offer', 'offer:withdrawn']);
    sockets.push(c.socket);
    expect(await emitAck(c.socket, 'presence', { status: 'waiting', location: north(km) })).toMatchObject({ ok: true });
    return { worker, ...c };
  }

  test('health names the mode and the instance', async () => {
    const res = await http(instances[C].app, 'GET', '/api/health');
    expect(res.body).toEqual({ status: 'ok', db: 'postgres', bus: 'redis', instance: 'c' });
  });

  test('a worker on A gets the offer for a shift posted on B; a board on C sees every change in order', async () => {
    const board = await connectCollecting(instances[C].app, '/board', { marketId: 'lz-chengguan' }, [
      'board:snapshot',
      'shift:opened',
      'shift:updated',
      'shift:closed',
      'stats:updated',
    ]);
    sockets.push(board.socket);
    await waitFor(() => board.received[0], 5000, 'snapshot');
    const w = await waitingWorker(instances[A], 'electrician', 1);
    const employer = await newEmployer(instances[B].app);
    const posted = await http(instances[B].app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ title: '跨实例派工' }) });
    const offer = await waitFor(
      () => w.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id),
      5000,
      'offer across instances',
    );
    expect((await emitAck(w.socket, 'offer:accept', { offerId: offer.payload.offerId })).ok).toBe(true);
    await waitFor(
      () => board.received.find((e) => e.event === 'shift:closed' && e.payload.shiftId === posted.body.id),
      5000,
      'board close on C',
    );
    const deltas = board.received.slice(1).map((e) => e.payload.seq);
    expect(deltas).toEqual(deltas.map((_, i) => board.received[0].payload.seq + 1 + i));
    const mine = board.received
      .filter((e) => e.payload.shift?.id === posted.body.id || e.payload.shiftId === posted.body.id)
      .map((e) => e.event);
    expect(mine[0]).toBe('shift:opened');
    expect(mine[mine.length - 1]).toBe('shift:closed');
  });

  test('300 workers over 3 instances race for 5 slots: exactly 5 hires, nobody double-booked', async () => {
    const racers: Array<Awaited<ReturnType<typeof waitingWorker>>> = [];
    for (let batch = 0; batch < 10; batch++) {
      racers.push(
        ...(await Promise.all(
          Array.from({ length: 30 }, (_, i) => waitingWorker(instances[(batch * 30 + i) % 3], 'welder', 0.1 + (i % 20) * 0.1)),
        )),
      );
    }
    const employer = await newEmployer(instances[A].app);
    const posted = await http(instances[A].app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'welder', headcount: 5, title: '大型焊接' }),
    });
    const offers = await Promise.all(
      racers.map((r) =>
        waitFor(() => r.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id), 15_000, 'racer offer'),
      ),
    );
    const acks = await Promise.all(racers.map((r, i) => emitAck(r.socket, 'offer:accept', { offerId: offers[i].payload.offerId }, 20_000)));
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    // Offers to the last of 300 slow-starting phones may lapse before the race: a loss all the same.
    for (const lost of acks.filter((a) => !a.ok)) expect(['SHIFT_FILLED', 'OFFER_WITHDRAWN', 'OFFER_EXPIRED']).toContain(lost.code);
    const [shift] = await query<{ filled: number; status: string }>('SELECT filled, status FROM "Shift" WHERE id = $1', [posted.body.id]);
    expect(shift).toEqual({ filled: 5, status: 'filled' });
    expect((await query('SELECT id FROM "Assignment" WHERE "shiftId" = $1', [posted.body.id])).length).toBe(5);
    const doubles = await query(
      `SELECT a.id FROM "Assignment" a JOIN "Assignment" b ON a."workerId" = b."workerId" AND a.id < b.id
       WHERE a.status = 'hired' AND b.status = 'hired' AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"`,
    );
    expect(doubles).toEqual([]);
    // Every loser, whichever instance holds its phone and whichever closed the shift, is told its offer is gone.
    const losers = racers.flatMap((r, i) => (acks[i].ok ? [] : [{ r, offerId: offers[i].payload.offerId as string }]));
    const withdrawn = await Promise.all(
      losers.map(({ r, offerId }) =>
        waitFor(() => r.received.find((e) => e.event === 'offer:withdrawn' && e.payload.offerId === offerId), 15_000, 'withdrawal'),
      ),
    );
    for (const w of withdrawn) expect(['filled', 'expired']).toContain(w.payload.reason);
  }, 180_000);

  test('kill -9 the instance that posted: workers reconnect elsewhere, get their offers back, deadlines still fire, the shift fills', async () => {
    const posting = instances[B];
    const quiet = await waitingWorker(posting, 'plumber', 0.3);
    const eager = await waitingWorker(posting, 'plumber', 0.5);
    const employer = await newEmployer(posting.app);
    const posted = await http(posting.app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'plumber', headcount: 2, title: '管道抢修' }),
    });
    const quietOffer = await waitFor(() => quiet.received.find((e) => e.event === 'offer'), 5000, 'offer 1');
    const eagerOffer = await waitFor(() => eager.received.find((e) => e.event === 'offer'), 5000, 'offer 2');

    await posting.kill('SIGKILL');
    const eagerAgain = await connectCollecting(instances[A].app, '/worker', { token: eager.worker.token }, ['offer']);
    const quietAgain = await connectCollecting(instances[C].app, '/worker', { token: quiet.worker.token }, ['offer', 'offer:withdrawn']);
    sockets.push(eagerAgain.socket, quietAgain.socket);
    const resent = await waitFor(
      () => eagerAgain.received.find((e) => e.payload.offerId === eagerOffer.payload.offerId),
      5000,
      'offer re-sent',
    );
    expect(resent.payload.shift.id).toBe(posted.body.id);
    await waitFor(
      () => quietAgain.received.find((e) => e.event === 'offer' && e.payload.offerId === quietOffer.payload.offerId),
      5000,
      'offer re-sent 2',
    );
    expect(await emitAck(eagerAgain.socket, 'offer:accept', { offerId: eagerOffer.payload.offerId })).toMatchObject({ ok: true });

    const fresh = await waitingWorker(instances[C], 'plumber', 2);
    const lapsed = await waitFor(() => quietAgain.received.find((e) => e.event === 'offer:withdrawn'), 15_000, 'deadline after the kill');
    expect(lapsed.payload).toEqual({ offerId: quietOffer.payload.offerId, reason: 'expired' });
    const next = await waitFor(
      () => fresh.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id),
      10_000,
      'next wave',
    );
    expect(await emitAck(fresh.socket, 'offer:accept', { offerId: next.payload.offerId })).toMatchObject({ ok: true });
    const [shift] = await query<{ filled: number; status: string }>('SELECT filled, status FROM "Shift" WHERE id = $1', [posted.body.id]);
    expect(shift).toEqual({ filled: 2, status: 'filled' });
    instances[B] = await startInstance('b2', env);
  }, 90_000);

  test('SIGTERM drains: health says so, sockets move off gradually, the process exits cleanly', async () => {
    const leaving = await startInstance('leaving', { ...env, SHUTDOWN_DRAIN_S: '1', SHUTDOWN_SPREAD_S: '1' });
    const w = await waitingWorker(leaving, 'mason', 0.4);
    const employer = await newEmployer(instances[A].app);
    const posted = await http(instances[A].app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'mason', title: '砌墙' }),
    });
    const offer = await waitFor(() => w.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id), 5000, 'offer');
    const disconnected = new Promise<string>((resolve) => w.socket.once('disconnect', resolve));
    const exited = new Promise<number | null>((resolve) => leaving.proc.once('exit', resolve));
    leaving.proc.kill('SIGTERM');
    await waitFor(async () => (await fetch(`${leaving.url}/api/health`).catch(() => undefined))?.status === 503, 3000, 'draining health');
    expect(await disconnected).toBe('io server disconnect');
    expect(await exited).toBe(0);
    const moved = await connectCollecting(instances[C].app, '/worker', { token: w.worker.token }, ['offer']);
    sockets.push(moved.socket);
    const back = await waitFor(() => moved.received.find((e) => e.payload.offerId === offer.payload.offerId), 5000, 'offer after moving');
    expect(back.payload.shift.id).toBe(posted.body.id);
  }, 60_000);

  test('Redis restarted mid-run: presence comes back, no hire lost or doubled, boards resync', async () => {
    const w1 = await waitingWorker(instances[A], 'cleaner', 0.4);
    const w2 = await waitingWorker(instances[C], 'cleaner', 0.6);
    const board = await connectCollecting(instances[B].app, '/board', { marketId: 'lz-chengguan' }, [
      'board:snapshot',
      'shift:opened',
      'shift:closed',
    ]);
    sockets.push(board.socket);
    await waitFor(() => board.received[0], 5000, 'snapshot');

    await redis.stop();
    redis = { ...(await startRedis(redis.port)) };
    await new Promise((r) => setTimeout(r, 1500));

    const employer = await newEmployer(instances[B].app);
    const posted = await http(instances[B].app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'cleaner', headcount: 1, title: '重启后保洁' }),
    });
    expect(posted.status).toBe(201);
    const offers = await Promise.all(
      [w1, w2].map((w) =>
        waitFor(() => w.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id), 10_000, 'offer after restart'),
      ),
    );
    const acks = await Promise.all([w1, w2].map((w, i) => emitAck(w.socket, 'offer:accept', { offerId: offers[i].payload.offerId })));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    const [shift] = await query<{ filled: number }>('SELECT filled FROM "Shift" WHERE id = $1', [posted.body.id]);
    expect(shift.filled).toBe(1);
    const opened = await waitFor(
      () => board.received.find((e) => e.event === 'shift:opened' && e.payload.shift.id === posted.body.id),
      10_000,
      'board after restart',
    );
    expect(opened.payload.seq).toBeGreaterThan(board.received[0].payload.seq);
  }, 60_000);
});
