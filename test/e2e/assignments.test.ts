import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import {
  connectCollecting,
  emitAck,
  http,
  newEmployer,
  newWorker,
  north,
  shiftBody,
  waitFor,
  type TestWorker,
} from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;

describe.each(BACKENDS)('after the hire: check-in, check-out, cancel, attendance, ratings, pay, disputes on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  const sockets: Socket[] = [];
  let trade = 0;
  const TRADES = ['electrician', 'plumber', 'carpenter', 'mason', 'painter', 'tiler', 'welder', 'driver', 'loader', 'cleaner'];

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  /** Moves a hire's start into the past, as if the shift had begun. */
  async function started(assignmentId: string) {
    await app.database.prisma.assignment.update({ where: { id: assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
  }

  /** A worker hired on a fresh shift of their own trade, starting `startsInMin` from now at the shift's site. */
  async function hired(startsInMin = 30, headcount = 1) {
    const t = TRADES[trade++ % TRADES.length];
    const worker = await newWorker(app, { trades: [t] });
    const c = await connectCollecting(app, '/worker', { token: worker.token }, ['offer']);
    sockets.push(c.socket);
    await emitAck(c.socket, 'presence', { status: 'waiting', location: north(0.2) });
    const site = north(0.1);
    const now = Date.now();
    const shift = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({
        trade: t,
        headcount,
        location: site,
        startsAt: new Date(now + startsInMin * MIN).toISOString(),
        endsAt: new Date(now + (startsInMin + 480) * MIN).toISOString(),
      }),
    });
    const offer = await waitFor(() => c.received.find((e) => e.payload.shift.id === shift.body.id), 5000, 'offer');
    const ack = await emitAck(c.socket, 'offer:accept', { offerId: offer.payload.offerId });
    expect(ack.ok).toBe(true);
    return { worker, socket: c, shiftId: shift.body.id as string, assignmentId: ack.assignment.id as string, site, trade: t };
  }

  test('my shifts show the hire with the employer’s contact; check-in only on site and in time; check-out completes it', async () => {
    const h = await hired();
    const mine = await http(app, 'GET', '/api/workers/me/assignments?scope=upcoming', { token: h.worker.token });
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({
      id: h.assignmentId,
      status: 'hired',
      employer: { phone: employer.phone, contactName: '张经理' },
      checkIn: null,
    });
    const shift = mine.body[0].shift;
    expect(mine.body[0].checkInRule).toEqual({
      radiusM: 500,
      opensAt: new Date(Date.parse(shift.startsAt) - 2 * 3600_000).toISOString(),
      closesAt: shift.endsAt,
    });

    const far = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, {
      token: h.worker.token,
      body: { location: north(5) },
    });
    expect({ status: far.status, code: far.body.code }).toEqual({ status: 409, code: 'TOO_FAR_FROM_SITE' });
    // The detail is the hint the phone shows: the measured distance and the configured radius.
    expect(far.body.details[0]).toEqual({
      field: 'location',
      message: expect.stringMatching(/^您现在离干活地点约 [45]\.\d 公里，要在 500 米以内才能签到签退$/),
    });
    const other = await newWorker(app);
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, { token: other.token, body: { location: h.site } })).status,
    ).toBe(403);
    const bad = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, {
      token: h.worker.token,
      body: { location: { lat: 'x' } },
    });
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const inside = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, {
      token: h.worker.token,
      body: { location: h.site },
    });
    expect(inside.status).toBe(200);
    expect(inside.body.checkIn.location).toEqual(h.site);
    const tooEarly = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-out`, {
      token: h.worker.token,
      body: { location: h.site },
    });
    expect(tooEarly.body.code).toBe('OUTSIDE_SHIFT_TIME');
    const noCancel = await http(app, 'POST', `/api/assignments/${h.assignmentId}/cancel`, {
      token: h.worker.token,
      body: { reason: '有事' },
    });
    expect(noCancel.body.code).toBe('ASSIGNMENT_NOT_ACTIVE');
    await started(h.assignmentId);
    const out = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-out`, {
      token: h.worker.token,
      body: { location: h.site },
    });
    expect(out.body).toMatchObject({ status: 'completed' });
    expect((await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).completedCount).toBe(1);
    expect((await app.database.prisma.shift.findUniqueOrThrow({ where: { id: h.shiftId } })).status).toBe('completed');
    const past = await http(app, 'GET', '/api/workers/me/assignments?scope=past', { token: h.worker.token });
    expect(past.body.map((a: { id: string }) => a.id)).toEqual([h.assignmentId]);

    const early = await hired(300);
    const tooSoon = await http(app, 'POST', `/api/assignments/${early.assignmentId}/check-in`, {
      token: early.worker.token,
      body: { location: early.site },
    });
    expect(tooSoon.body.code).toBe('OUTSIDE_SHIFT_TIME');
  });

  test('paid, ratings both ways (once each), and a dispute carrying the evidence', async () => {
    const h = await hired();
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/paid`, { token: h.worker.token, body: { paid: true } })).body.code,
    ).toBe('ASSIGNMENT_NOT_ACTIVE');
    await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, { token: h.worker.token, body: { location: h.site } });
    await started(h.assignmentId);
    await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-out`, { token: h.worker.token, body: { location: h.site } });

    const paid = await http(app, 'POST', `/api/assignments/${h.assignmentId}/paid`, { token: h.worker.token, body: { paid: false } });
    expect(paid.body.paidConfirmed).toBe(false);
    expect(
      (
        await http(app, 'POST', `/api/assignments/${h.assignmentId}/rating`, {
          token: h.worker.token,
          body: { stars: 2, comment: '拖欠工资' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/rating`, { token: h.worker.token, body: { stars: 5 } })).body.code,
    ).toBe('ALREADY_RATED');
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/rating`, { token: employer.token, body: { stars: 6 } })).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/rating`, { token: employer.token, body: { stars: 5 } })).status,
    ).toBe(200);
    expect(await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).toMatchObject({
      ratingSum: 5,
      ratingCount: 1,
    });
    expect(await app.database.prisma.employerProfile.findUniqueOrThrow({ where: { id: employer.id } })).toMatchObject({
      ratingSum: 2,
      ratingCount: 1,
    });

    const dispute = await http(app, 'POST', `/api/assignments/${h.assignmentId}/dispute`, {
      token: h.worker.token,
      body: { description: '工资未结清' },
    });
    expect(dispute.status).toBe(201);
    expect(dispute.body).toMatchObject({
      status: 'open',
      openedByRole: 'worker',
      evidence: { wage: { amount: 300, unit: 'day' }, paidConfirmed: false, status: 'completed' },
    });
    expect(dispute.body.evidence.checkIn.location).toEqual(h.site);
    expect(dispute.body.evidence.shift.id).toBe(h.shiftId);
    const same = await http(app, 'POST', `/api/assignments/${h.assignmentId}/dispute`, {
      token: h.worker.token,
      body: { description: '再次申诉' },
    });
    expect(same.body.id).toBe(dispute.body.id);
    const mine = await http(app, 'GET', '/api/workers/me/assignments?scope=past', { token: h.worker.token });
    expect(mine.body[0].disputes.map((d: { id: string }) => d.id)).toEqual([dispute.body.id]);
    const stranger = await newWorker(app);
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/dispute`, { token: stranger.token, body: { description: 'x' } })).status,
    ).toBe(403);
  });

  test('a late cancel lowers reliability, reopens the slot and dispatches it again; an early one does not count', async () => {
    const h = await hired(30);
    const next = await newWorker(app, { trades: [h.trade] });
    const n = await connectCollecting(app, '/worker', { token: next.token }, ['offer']);
    sockets.push(n.socket);
    const board = await connectCollecting(app, '/board', { marketId: 'lz-chengguan' }, ['board:snapshot', 'shift:opened']);
    sockets.push(board.socket);
    await waitFor(() => board.received[0], 3000, 'snapshot');
    expect(board.received[0].payload.shifts.some((s: { id: string }) => s.id === h.shiftId)).toBe(false);
    await emitAck(n.socket, 'presence', { status: 'waiting', location: north(0.3) });

    const res = await http(app, 'POST', `/api/assignments/${h.assignmentId}/cancel`, {
      token: h.worker.token,
      body: { reason: '身体不适' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ late: true, assignment: { status: 'cancelled', cancelled: { reason: '身体不适', late: true } } });
    expect((await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).lateCancelCount).toBe(1);
    expect(await app.database.prisma.shift.findUniqueOrThrow({ where: { id: h.shiftId } })).toMatchObject({ filled: 0, status: 'open' });
    await waitFor(
      () => board.received.find((e) => e.event === 'shift:opened' && e.payload.shift.id === h.shiftId),
      3000,
      'back on the board',
    );
    await waitFor(() => n.received.find((e) => e.payload.shift.id === h.shiftId), 5000, 'redispatched');
    const again = await http(app, 'POST', `/api/assignments/${h.assignmentId}/cancel`, {
      token: h.worker.token,
      body: { reason: '身体不适' },
    });
    expect(again.body.code).toBe('ASSIGNMENT_NOT_ACTIVE');

    const early = await hired(300);
    const ok = await http(app, 'POST', `/api/assignments/${early.assignmentId}/cancel`, {
      token: early.worker.token,
      body: { reason: '找到别的活' },
    });
    expect(ok.body.late).toBe(false);
    expect((await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: early.worker.id } })).lateCancelCount).toBe(0);
  });

  test('the employer confirms attendance or marks a no-show, only after the start and only on their own shifts', async () => {
    const h = await hired(30);
    const before = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, {
      token: employer.token,
      body: { status: 'no_show' },
    });
    expect(before.body.code).toBe('OUTSIDE_SHIFT_TIME');
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: h.worker.token, body: { status: 'completed' } }))
        .status,
    ).toBe(403);
    const rival = await newEmployer(app, '别人家');
    expect(
      (await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: rival.token, body: { status: 'completed' } }))
        .status,
    ).toBe(403);

    const started = new Date(Date.now() - 10 * MIN);
    await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: started } });
    const noShow = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, {
      token: employer.token,
      body: { status: 'no_show' },
    });
    expect(noShow.body.status).toBe('no_show');
    expect((await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).noShowCount).toBe(1);
    const view = await http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: employer.token });
    expect(view.body.hires[0]).toMatchObject({ assignmentId: h.assignmentId, status: 'no_show' });
  });
});
