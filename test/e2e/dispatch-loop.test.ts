import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import {
  connect,
  connectCollecting,
  emitAck,
  http,
  LANZHOU,
  newEmployer,
  newWorker,
  north,
  shiftBody,
  waitFor,
  type TestWorker,
} from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

describe.each(BACKENDS)('the dispatch loop on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await startTestApp(backend, { DISPATCH_FANOUT: '20' });
    employer = await newEmployer(app);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  async function waitingWorker(trade: string, at: { lat: number; lng: number }, profile: Record<string, unknown> = {}) {
    const worker = await newWorker(app, { trades: [trade], ...profile });
    const { socket, received } = await connectCollecting(app, '/worker', { token: worker.token }, [
      'offer',
      'offer:withdrawn',
      'assignment:cancelled',
    ]);
    sockets.push(socket);
    const ack = await emitAck(socket, 'presence', { status: 'waiting', location: at });
    expect(ack).toEqual({ ok: true, status: 'waiting' });
    return { worker, socket, received };
  }

  test('offers go to waiting workers of the trade within the radius, nearest first, widening on decline', async () => {
    const near = await waitingWorker('plumber', north(1));
    const far = await waitingWorker('plumber', north(8));
    const otherTrade = await waitingWorker('carpenter', north(0.5));
    const idle = await newWorker(app, { trades: ['plumber'] });

    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'plumber', headcount: 1 }) });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ status: 'open', filled: 0, headcount: 1 });

    const offer = await waitFor(() => near.received.find((e) => e.event === 'offer'), 5000, 'offer to the near worker');
    expect(offer.payload.shift).toMatchObject({ id: posted.body.id, trade: 'plumber', wage: { amount: 300, unit: 'day' } });
    expect(offer.payload.reasons[0]).toBe('1 km');
    expect(offer.payload.distanceKm).toBeCloseTo(1, 1);
    expect(Date.parse(offer.payload.expiresAt)).toBeGreaterThan(Date.now());
    expect(far.received.some((e) => e.event === 'offer')).toBe(false);
    expect(otherTrade.received.some((e) => e.event === 'offer')).toBe(false);
    const idleOffers = await http(app, 'GET', '/api/workers/me/offers', { token: idle.token });
    expect(idleOffers.body).toEqual([]);

    expect(await emitAck(near.socket, 'offer:decline', { offerId: offer.payload.offerId })).toEqual({ ok: true });
    const farOffer = await waitFor(() => far.received.find((e) => e.event === 'offer'), 5000, 'offer after widening');
    expect(farOffer.payload.shift.id).toBe(posted.body.id);
    const view = await http(app, 'GET', `/api/shifts/${posted.body.id}`, { token: employer.token });
    expect(view.body.radiusKm).toBeGreaterThan(5);
    expect(near.received.filter((e) => e.event === 'offer')).toHaveLength(1);
  });

  test('50 workers race for 3 slots: exactly 3 hires; boards see every change with consecutive seq', async () => {
    const board = await connectCollecting(app, '/board', { marketId: 'lz-chengguan' }, [
      'board:snapshot',
      'shift:opened',
      'shift:updated',
      'shift:closed',
      'stats:updated',
    ]);
    sockets.push(board.socket);
    await waitFor(() => board.received.find((e) => e.event === 'board:snapshot'), 5000, 'board snapshot');

    const racers = await Promise.all(Array.from({ length: 50 }, (_, i) => waitingWorker('welder', north(0.05 + (i % 25) * 0.08))));
    const started = Date.now();
    const posted = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'welder', headcount: 3, title: '钢结构焊接' }),
    });
    expect(posted.status).toBe(201);
    const offers = await Promise.all(
      racers.map((r) =>
        waitFor(() => r.received.find((e) => e.event === 'offer' && e.payload.shift.id === posted.body.id), 10_000, 'racer offer'),
      ),
    );
    const firstOfferMs = Math.min(...offers.map((o) => o.at)) - started;
    console.log(`[${backend}] POST → first offer: ${firstOfferMs} ms; all 50 offers: ${Math.max(...offers.map((o) => o.at)) - started} ms`);

    const acks = await Promise.all(racers.map((r, i) => emitAck(r.socket, 'offer:accept', { offerId: offers[i].payload.offerId })));
    const winners = acks.filter((a) => a.ok);
    expect(winners).toHaveLength(3);
    for (const lost of acks.filter((a) => !a.ok)) expect(['SHIFT_FILLED', 'OFFER_WITHDRAWN']).toContain(lost.code);

    const shift = await app.database.prisma.shift.findUniqueOrThrow({ where: { id: posted.body.id } });
    expect(shift).toMatchObject({ filled: 3, status: 'filled' });
    expect(await app.database.prisma.assignment.count({ where: { shiftId: shift.id } })).toBe(3);

    const losers = racers.filter((_, i) => !acks[i].ok);
    await waitFor(
      () => losers.every((l) => l.received.some((e) => e.event === 'offer:withdrawn' && e.payload.reason === 'filled')),
      5000,
      'withdrawals',
    );

    await waitFor(
      () => board.received.find((e) => e.event === 'shift:closed' && e.payload.shiftId === posted.body.id),
      5000,
      'board close',
    );
    const deltas = board.received.filter((e) => e.event !== 'board:snapshot');
    const seqs = deltas.map((e) => e.payload.seq);
    const snapshotSeq = board.received[0].payload.seq;
    expect(seqs).toEqual(seqs.map((_, i) => snapshotSeq + 1 + i));
    const mine = deltas.filter((e) => e.payload.shift?.id === posted.body.id || e.payload.shiftId === posted.body.id);
    expect(mine[0].event).toBe('shift:opened');
    const filledSeen = mine.filter((e) => e.event === 'shift:updated').map((e) => e.payload.shift.filled);
    expect(filledSeen.length).toBeGreaterThanOrEqual(1);
    expect(filledSeen).toEqual([...filledSeen].sort((x, y) => x - y));
    expect(filledSeen[filledSeen.length - 1]).toBe(3);
    expect(mine[mine.length - 1]).toMatchObject({ event: 'shift:closed', payload: { reason: 'filled' } });
    const boardText = JSON.stringify(board.received);
    for (const r of racers) expect(boardText).not.toContain(r.worker.phone);
    expect(boardText).not.toContain(employer.phone);
  });

  test('a dropped connection never loses an offer: it comes back on reconnect', async () => {
    const w = await waitingWorker('painter', north(2));
    const posted = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'painter', title: '外墙粉刷' }),
    });
    const offer = await waitFor(() => w.received.find((e) => e.event === 'offer'), 5000, 'offer');
    w.socket.disconnect();

    const second = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({
        trade: 'painter',
        title: '室内刷漆',
        startsAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 3600_000).toISOString(),
      }),
    });
    expect(second.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));

    const again = await connectCollecting(app, '/worker', { token: w.worker.token }, ['offer']);
    sockets.push(again.socket);
    const back = await waitFor(() => (again.received.length >= 2 ? again.received : undefined), 5000, 'offers re-sent');
    expect(back.map((e) => e.payload.shift.id).sort()).toEqual([posted.body.id, second.body.id].sort());
    const resent = back.find((e) => e.payload.shift.id === posted.body.id)!.payload;
    // Read back from the database: the same offer, reasons and deadline as when it was first pushed.
    expect(resent).toEqual(offer.payload);
    const ack = await emitAck(again.socket, 'offer:accept', { offerId: offer.payload.offerId });
    expect(ack).toMatchObject({ ok: true, assignment: { shiftId: posted.body.id } });
  });

  test('a worker never holds two overlapping shifts', async () => {
    const w = await waitingWorker('tiler', north(1));
    const a = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler', title: '卫生间贴砖' }) });
    const offerA = await waitFor(() => w.received.find((e) => e.event === 'offer' && e.payload.shift.id === a.body.id), 5000, 'offer A');
    expect((await emitAck(w.socket, 'offer:accept', { offerId: offerA.payload.offerId })).ok).toBe(true);

    const b = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler', title: '厨房贴砖' }) });
    await new Promise((r) => setTimeout(r, 700));
    expect(w.received.some((e) => e.event === 'offer' && e.payload.shift.id === b.body.id)).toBe(false);

    const forced = await app.database.prisma.offer.create({
      data: {
        shiftId: b.body.id,
        workerId: w.worker.id,
        wave: 99,
        distanceKm: 1,
        score: 1,
        reasons: {},
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    const res = await http(app, 'POST', `/api/offers/${forced.id}/accept`, { token: w.worker.token });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SCHEDULE_CONFLICT');
    const b2 = await app.database.prisma.shift.findUniqueOrThrow({ where: { id: b.body.id } });
    expect(b2.filled).toBe(0);
  });

  test('free workers behind a crowd of busy ones still get offers: four overlapping one-slot shifts, 70 workers', async () => {
    const crowd: Array<Awaited<ReturnType<typeof waitingWorker>>> = [];
    for (let i = 0; i < 70; i++) crowd.push(await waitingWorker('scaffolder', north(1)));
    const posted: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await http(app, 'POST', '/api/shifts', {
        token: employer.token,
        body: shiftBody({ trade: 'scaffolder', title: `脚手架搭设 ${i + 1}` }),
      });
      expect(res.status).toBe(201);
      posted.push(res.body.id as string);
    }
    const offersFor = (shiftId: string) =>
      crowd.filter((w) => w.received.some((e) => e.event === 'offer' && e.payload.shift.id === shiftId)).length;
    // Fan-out 20: the first three shifts take 20 workers each (each ranks 60 and skips those already
    // holding an offer for an overlapping shift); the fourth gets the 10 left, behind 60 busy ones.
    await waitFor(() => posted.every((id, i) => offersFor(id) === (i < 3 ? 20 : 10)), 20_000, 'offers for all four shifts');
    const perWorker = crowd.map((w) => w.received.filter((e) => e.event === 'offer').length);
    expect(perWorker.every((n) => n === 1)).toBe(true);
  });

  test('a wave short of free workers among those ranked first ranks further down: 150 workers, 100 busy', async () => {
    const crowd: Array<Awaited<ReturnType<typeof waitingWorker>>> = [];
    for (let i = 0; i < 150; i++) crowd.push(await waitingWorker('packer', north(1 + (i % 10) * 0.01)));
    const offersFor = (shiftId: string) =>
      crowd.filter((w) => w.received.some((e) => e.event === 'offer' && e.payload.shift.id === shiftId)).length;
    // Five overlapping one-slot shifts take 20 workers each, the best 100; then a two-slot shift wants 40,
    // ranks 120 first (100 of them busy, 20 free: stored in the same statement as the claim) and finds the
    // other 20 further down, added to the same wave.
    for (let i = 0; i < 5; i++) {
      const res = await http(app, 'POST', '/api/shifts', {
        token: employer.token,
        body: shiftBody({ trade: 'packer', title: `打包 ${i + 1}` }),
      });
      await waitFor(() => offersFor(res.body.id as string) === 20, 10_000, `offers for shift ${i + 1}`);
    }
    const last = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'packer', headcount: 2, title: '打包 两人' }),
    });
    await waitFor(() => offersFor(last.body.id as string) === 40, 10_000, 'forty offers for the two-slot shift');
    const rows = await app.database.prisma.offer.findMany({ where: { shiftId: last.body.id as string }, select: { wave: true } });
    expect(rows.map((r) => r.wave)).toEqual(Array(40).fill(1));
    const perWorker = crowd.map((w) => w.received.filter((e) => e.event === 'offer').length);
    expect(perWorker.filter((n) => n === 1)).toHaveLength(140);
    expect(perWorker.every((n) => n <= 1)).toBe(true);
  });

  test('cancelling withdraws open offers and tells hired workers', async () => {
    const hired = await waitingWorker('driver', north(0.5));
    const pending = await waitingWorker('driver', north(0.7));
    const s = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'driver', headcount: 2, title: '送货司机' }),
    });
    const o1 = await waitFor(() => hired.received.find((e) => e.event === 'offer'), 5000, 'offer 1');
    await waitFor(() => pending.received.find((e) => e.event === 'offer'), 5000, 'offer 2');
    expect((await emitAck(hired.socket, 'offer:accept', { offerId: o1.payload.offerId })).ok).toBe(true);

    const other = await newEmployer(app, '别的公司');
    expect((await http(app, 'POST', `/api/shifts/${s.body.id}/cancel`, { token: other.token })).status).toBe(403);
    const cancelled = await http(app, 'POST', `/api/shifts/${s.body.id}/cancel`, { token: employer.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await waitFor(() => pending.received.find((e) => e.event === 'offer:withdrawn' && e.payload.reason === 'cancelled'), 5000, 'withdrawn');
    await waitFor(() => hired.received.find((e) => e.event === 'assignment:cancelled'), 5000, 'hire cancelled');
    const again = await http(app, 'POST', `/api/shifts/${s.body.id}/cancel`, { token: employer.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SHIFT_CANCELLED');
  });

  test('a wave of 251 goes out whole: one wave number, every offer stored once, the farthest worker told', async () => {
    const trade = 'greenhouse_worker';
    for (let batch = 0; batch < 10; batch++) {
      const workers = await Promise.all(Array.from({ length: 25 }, () => newWorker(app, { trades: [trade] })));
      await Promise.all(
        workers.map((w, i) =>
          http(app, 'PUT', '/api/workers/me/presence', {
            token: w.token,
            body: { status: 'waiting', location: north(0.1 + (batch * 25 + i) * 0.01) },
          }),
        ),
      );
    }
    const farthest = await waitingWorker(trade, north(4.5));
    const posted = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade, headcount: 13, title: '大棚采摘' }),
    });
    const offer = await waitFor(() => farthest.received.find((e) => e.event === 'offer'), 10_000, 'the farthest worker’s offer');
    expect(offer.payload.shift.id).toBe(posted.body.id);
    const offers = await app.database.prisma.offer.findMany({ where: { shiftId: posted.body.id }, select: { workerId: true, wave: true } });
    expect(offers).toHaveLength(251); // everyone waiting: 13 slots × fan-out 20 would take 260
    expect(new Set(offers.map((o) => o.wave))).toEqual(new Set([1]));
    expect(new Set(offers.map((o) => o.workerId)).size).toBe(offers.length);
    expect((await app.database.prisma.shift.findUnique({ where: { id: posted.body.id }, select: { wave: true } }))?.wave).toBe(1);
    await http(app, 'POST', `/api/shifts/${posted.body.id}/cancel`, { token: employer.token });
  }, 60_000);

  test('closing a shift offered to hundreds withdraws every open offer, slice by slice', async () => {
    const pending = await waitingWorker('tiler', north(0.4));
    const s = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler', title: '贴砖' }) });
    const offered = await waitFor(() => pending.received.find((e) => e.event === 'offer'), 5000, 'offer');
    // 450 more open offers on the shift, written as a wave would: more than two slices' worth.
    const { prisma } = app.database;
    const ids = Array.from({ length: 450 }, (_, i) => `bulk-${backend}-${i}`);
    await prisma.account.createMany({ data: ids.map((id) => ({ id, phone: id, roles: ['worker'] })) });
    await prisma.workerProfile.createMany({ data: ids.map((id) => ({ id, name: '工人', trades: ['tiler'] })) });
    const expiresAt = new Date(Date.now() + 600_000);
    await prisma.offer.createMany({
      data: ids.map((workerId) => ({ shiftId: s.body.id, workerId, wave: 1, distanceKm: 1, score: 0.5, reasons: {}, expiresAt })),
    });

    expect((await http(app, 'POST', `/api/shifts/${s.body.id}/cancel`, { token: employer.token })).status).toBe(200);
    const byStatus = await prisma.offer.groupBy({ by: ['status'], where: { shiftId: s.body.id }, _count: true });
    expect(byStatus.map((g) => [g.status, g._count])).toEqual([['withdrawn', 451]]);
    const withdrawn = await waitFor(() => pending.received.find((e) => e.event === 'offer:withdrawn'), 5000, 'withdrawn');
    expect(withdrawn.payload).toEqual({ offerId: offered.payload.offerId, reason: 'cancelled' });
  });

  test('Idempotency-Key: a retry returns the first response and creates nothing new', async () => {
    const body = shiftBody({ trade: 'cleaner', title: '开荒保洁' });
    const headers = { 'Idempotency-Key': `retry-${backend}-1` };
    const [a, b] = await Promise.all([
      http(app, 'POST', '/api/shifts', { token: employer.token, body, headers }),
      http(app, 'POST', '/api/shifts', { token: employer.token, body, headers }),
    ]);
    const c = await http(app, 'POST', '/api/shifts', { token: employer.token, body, headers });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect(c.body.id).toBe(a.body.id);
    expect(await app.database.prisma.shift.count({ where: { title: '开荒保洁' } })).toBe(1);
    const changed = await http(app, 'POST', '/api/shifts', { token: employer.token, body: { ...body, headcount: 5 }, headers });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  test('the employer sees the shift fill live on /employer', async () => {
    const w = await waitingWorker('loader', north(0.3));
    const watcher = await connectCollecting(app, '/employer', { token: employer.token }, ['shift:updated']);
    sockets.push(watcher.socket);
    const s = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'loader', title: '卸货' }) });
    const offer = await waitFor(() => w.received.find((e) => e.event === 'offer'), 5000, 'offer');
    await emitAck(w.socket, 'offer:accept', { offerId: offer.payload.offerId });
    const filled = await waitFor(
      () => watcher.received.find((e) => e.payload.shift.id === s.body.id && e.payload.shift.filled === 1),
      5000,
      'employer update',
    );
    expect(filled.payload.shift.hires[0]).toMatchObject({ workerId: w.worker.id, phone: w.worker.phone });
    const watched = await emitAck(watcher.socket, 'shift:watch', { shiftId: s.body.id });
    expect(watched).toMatchObject({ ok: true, shift: { id: s.body.id, filled: 1, status: 'filled' } });
  });

  test('a board with an unknown market is refused; resync returns a fresh snapshot', async () => {
    await expect(connect(app, '/board', { marketId: 'nowhere' })).rejects.toThrow('NOT_FOUND');
    const board = await connect(app, '/board', { marketId: LANZHOU && 'lz-qilihe-construction' });
    sockets.push(board);
    const snap = await emitAck(board, 'board:resync', {});
    expect(snap).toMatchObject({ ok: true, market: { id: 'lz-qilihe-construction' }, stats: { openShifts: expect.any(Number) } });
    expect(typeof snap.seq).toBe('number');
  });
});
