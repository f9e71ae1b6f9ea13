import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { chinaDateOf } from '../../api/src/calendar/china-date.js';
import { connectCollecting, emitAck, http, newEmployer, newWorker, north, waitFor, type TestWorker } from '../support/clients.js';
import { hireOn, personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const OTHER_MARKET = 'lz-anning-station';
const DAY = 24 * 3600_000;

function trainingBody(overrides: Record<string, unknown> = {}) {
  const start = Date.now() + 3 * DAY;
  return {
    title: '低压电工作业培训',
    provider: '兰州市职业技能培训中心',
    trades: ['electrician'],
    regionCode: '620102',
    marketId: MARKET,
    address: '兰州市城关区庆阳路 1 号三楼',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 5 * DAY).toISOString(),
    fee: 0,
    subsidy: 800,
    seats: 30,
    ...overrides,
  };
}

describe.each(BACKENDS)('trainings on %s', (backend) => {
  let app: TestApp;
  let staff: Person;
  let otherStaff: Person;
  let officer: Person;
  const sockets: Socket[] = [];

  /** A worker of these trades waiting near Lanzhou, their /worker socket collecting `training`. */
  async function waiting(trades: string[]) {
    const worker = await newWorker(app, { trades });
    const c = await connectCollecting(app, '/worker', { token: worker.token }, ['training']);
    sockets.push(c.socket);
    const ack = await emitAck(c.socket, 'presence', { status: 'waiting', location: north(0.5) });
    expect(ack).toMatchObject({ ok: true, status: 'waiting' });
    return { worker, socket: c.socket, received: c.received };
  }

  const publish = async (token: string, body: Record<string, unknown> = trainingBody()) => http(app, 'POST', '/api/trainings', { token, body });

  beforeAll(async () => {
    app = await startTestApp(backend);
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
    otherStaff = await personWith(app, { role: 'staff', marketId: OTHER_MARKET });
    officer = await personWith(app, { role: 'officer', regionCode: '620000' });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.stop();
  });

  test('a published training reaches the matching waiting worker once, not the others; the board and the ledger get it', async () => {
    const electrician = await waiting(['electrician', 'mover']);
    const welder = await waiting(['welder']);
    const board = await connectCollecting(app, '/board', { marketId: MARKET }, ['trainings:updated']);
    sockets.push(board.socket);

    const body = trainingBody();
    const res = await publish(staff.token, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...body, signups: 0, seatsLeft: 30 });
    expect(typeof res.body.id).toBe('string');
    const id: string = res.body.id;

    const told = await waitFor(() => electrician.received.find((e) => e.payload.training.id === id), 5000, 'the training notice');
    expect(told.payload.training).toMatchObject({ id, title: '低压电工作业培训', trades: ['electrician'], marketId: MARKET });
    const shown = await waitFor(() => board.received.find((e) => e.payload.trainings.some((t: { id: string }) => t.id === id)), 5000, 'the board');
    const onBoard = shown.payload.trainings.find((t: { id: string }) => t.id === id);
    expect(onBoard).toMatchObject({ title: '低压电工作业培训', seats: 30, seatsLeft: 30, subsidy: 800 });
    expect(JSON.stringify(shown.payload)).not.toMatch(/1[3-9]\d{9}/);

    // Waiting again (offline, then back) does not tell them a second time; the welder never hears of it.
    await emitAck(electrician.socket, 'presence', { status: 'offline' });
    await emitAck(electrician.socket, 'presence', { status: 'waiting', location: north(0.6) });
    await new Promise((r) => setTimeout(r, 500));
    expect(electrician.received.filter((e) => e.payload.training.id === id)).toHaveLength(1);
    expect(welder.received).toHaveLength(0);

    // Public listing: by trade, by a region covering the district, by market; not by another trade.
    const byTrade = await http(app, 'GET', '/api/trainings?trade=electrician&regionCode=620000');
    expect(byTrade.status).toBe(200);
    expect(byTrade.body.map((t: { id: string }) => t.id)).toContain(id);
    const other = await http(app, 'GET', '/api/trainings?trade=welder');
    expect(other.body.map((t: { id: string }) => t.id)).not.toContain(id);
    const elsewhere = await http(app, 'GET', '/api/trainings?regionCode=620500');
    expect(elsewhere.body.map((t: { id: string }) => t.id)).not.toContain(id);

    const today = chinaDateOf(new Date());
    const entry = await waitFor(
      async () => {
        const day = await http(app, 'GET', `/api/markets/${MARKET}/ledger?date=${today}`, { token: staff.token });
        return day.body.entries?.find((e: { type: string; subject: string }) => e.type === 'training_published' && e.subject === id);
      },
      5000,
      'training_published in the ledger',
    );
    expect(entry).toMatchObject({ actor: staff.id, data: { regionCode: '620102' } });
  });

  test('a worker who starts waiting later hears of an upcoming training once', async () => {
    const res = await publish(staff.token, trainingBody({ title: '中式烹调师培训', trades: ['kitchen_helper'] }));
    expect(res.status).toBe(201);
    const late = await waiting(['kitchen_helper']);
    await waitFor(() => late.received.find((e) => e.payload.training.id === res.body.id), 5000, 'the late notice');
    await emitAck(late.socket, 'presence', { status: 'offline' });
    await emitAck(late.socket, 'presence', { status: 'waiting', location: north(3) });
    await new Promise((r) => setTimeout(r, 500));
    expect(late.received.filter((e) => e.payload.training.id === res.body.id)).toHaveLength(1);
  });

  test('sign up once: again is ALREADY_SIGNED_UP, a full course TRAINING_FULL', async () => {
    const t = (await publish(staff.token, trainingBody({ seats: 1 }))).body;
    const a = await newWorker(app);
    const b = await newWorker(app);
    const first = await http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: a.token });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: t.id, signups: 1, seatsLeft: 0, mySignup: 'signed_up' });
    const again = await http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: a.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SIGNED_UP');
    const full = await http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: b.token });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'TRAINING_FULL', message: '这个培训名额已满' });
    const missing = await http(app, 'POST', '/api/trainings/no-such-training/signups', { token: b.token });
    expect(missing.status).toBe(404);
    // The worker's own view shows their sign-up.
    const seen = await http(app, 'GET', `/api/trainings/${t.id}`, { token: a.token });
    expect(seen.body).toMatchObject({ mySignup: 'signed_up', signups: 1 });
  });

  test('20 concurrent sign-ups for 5 seats: exactly 5 get one', async () => {
    const t = (await publish(staff.token, trainingBody({ seats: 5 }))).body;
    const workers = await Promise.all(Array.from({ length: 20 }, () => newWorker(app)));
    const results = await Promise.all(workers.map((w) => http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: w.token })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'TRAINING_FULL')).toHaveLength(15);
    const after = await http(app, 'GET', `/api/trainings/${t.id}`);
    expect(after.body).toMatchObject({ signups: 5, seatsLeft: 0 });
    const list = await http(app, 'GET', `/api/trainings/${t.id}/signups`, { token: staff.token });
    expect(list.body).toHaveLength(5);
  });

  test('the same worker twice at once gets one seat', async () => {
    const t = (await publish(staff.token, trainingBody({ seats: 5 }))).body;
    const w = await newWorker(app);
    const results = await Promise.all([1, 2, 3].map(() => http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: w.token })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await http(app, 'GET', `/api/trainings/${t.id}`)).body.signups).toBe(1);
  });

  test('staff mark attendance and completion; a completed course is on the worker’s record and adds its trade', async () => {
    const t = (await publish(staff.token, trainingBody({ trades: ['welder'], title: '焊工培训' }))).body;
    const w = await newWorker(app, { trades: ['electrician'] });
    const x = await newWorker(app, { trades: ['electrician'] });
    for (const worker of [w, x]) expect((await http(app, 'POST', `/api/trainings/${t.id}/signups`, { token: worker.token })).status).toBe(201);

    const list = await http(app, 'GET', `/api/trainings/${t.id}/signups`, { token: staff.token });
    expect(list.status).toBe(200);
    expect(list.body.map((s: { workerId: string }) => s.workerId)).toEqual([w.id, x.id]);
    expect(list.body[0]).toMatchObject({ status: 'signed_up', phone: w.phone, trades: ['electrician'] });

    const done = await http(app, 'POST', `/api/trainings/${t.id}/signups/${w.id}`, { token: staff.token, body: { status: 'completed', addTrades: true } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ workerId: w.id, status: 'completed' });
    const missed = await http(app, 'POST', `/api/trainings/${t.id}/signups/${x.id}`, { token: staff.token, body: { status: 'no_show' } });
    expect(missed.body.status).toBe('no_show');
    const bad = await http(app, 'POST', `/api/trainings/${t.id}/signups/${x.id}`, { token: staff.token, body: { status: 'graduated' } });
    expect(bad.status).toBe(400);
    expect((await http(app, 'POST', `/api/trainings/${t.id}/signups/${x.id}`, { token: otherStaff.token, body: { status: 'attended' } })).status).toBe(403);
    expect((await http(app, 'GET', `/api/trainings/${t.id}/signups`, { token: otherStaff.token })).status).toBe(403);
    expect((await http(app, 'GET', `/api/trainings/${t.id}/signups`, { token: w.token })).status).toBe(403);

    const record = await http(app, 'GET', '/api/workers/me/trainings', { token: w.token });
    expect(record.status).toBe(200);
    expect(record.body).toEqual([expect.objectContaining({ status: 'completed', training: expect.objectContaining({ id: t.id, title: '焊工培训' }) })]);
    const me = await http(app, 'GET', '/api/workers/me', { token: w.token });
    expect(me.body.trades).toEqual(['electrician', 'welder']);
    const xs = await http(app, 'GET', '/api/workers/me', { token: x.token });
    expect(xs.body.trades).toEqual(['electrician']);
  });

  test('who may publish: staff of the market, admins of its region; not a worker, other staff, nobody signed in', async () => {
    const worker = await newWorker(app);
    expect((await publish(worker.token)).status).toBe(403);
    expect((await publish(otherStaff.token)).status).toBe(403);
    const anonymous = await http(app, 'POST', '/api/trainings', { body: trainingBody() });
    expect(anonymous.status).toBe(401);
    // Without a market: an admin of the region; staff of a market in it are not.
    expect((await publish(staff.token, trainingBody({ marketId: undefined, regionCode: '620100' }))).status).toBe(403);
    const qinghai = await personWith(app, { role: 'admin', regionCode: '630000' });
    expect((await publish(qinghai.token, trainingBody({ marketId: undefined, regionCode: '620100' }))).status).toBe(403);
    const admin = await personWith(app, { role: 'admin', regionCode: '620000' });
    const regional = await publish(admin.token, trainingBody({ marketId: undefined, regionCode: '620100', title: '创业培训' }));
    expect(regional.status).toBe(201);
    expect(regional.body.marketId).toBeUndefined();
    // A region's training without a market shows on the boards of its markets.
    const atMarket = await http(app, 'GET', `/api/trainings?marketId=${MARKET}`);
    expect(atMarket.body.map((t: { id: string }) => t.id)).toContain(regional.body.id);
    const atTianshui = await http(app, 'GET', '/api/trainings?marketId=ts-qinzhou');
    expect(atTianshui.body.map((t: { id: string }) => t.id)).not.toContain(regional.body.id);
  });

  test('bad input is refused with details', async () => {
    const start = Date.now() + DAY;
    const res = await publish(
      staff.token,
      trainingBody({ seats: 0, trades: ['astronaut'], endsAt: new Date(start - DAY).toISOString(), startsAt: new Date(start).toISOString() }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['seats', 'trades.0']));
    const mismatch = await publish(staff.token, trainingBody({ regionCode: '620500' }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details[0].field).toBe('regionCode');
    expect((await http(app, 'POST', '/api/training-demand', { token: (await newWorker(app)).token, body: { trades: [] } })).status).toBe(400);
  });

  test('demand: each worker counted once per trade (their latest answer), beside who waited without work', async () => {
    const employer: TestWorker = await newEmployer(app);
    const hired = await hireOn(app, employer, 'tiler');
    sockets.push(hired.socket);
    const idle = await waiting(['tiler']);
    expect(idle.worker.id).toBeTruthy();

    const [a, b, c] = await Promise.all([newWorker(app), newWorker(app), newWorker(app)]);
    const answer = (w: TestWorker, body: Record<string, unknown>) => http(app, 'POST', '/api/training-demand', { token: w.token, body });
    expect((await answer(a, { trades: ['tiler', 'painter'], note: '想学美缝', regionCode: '620102' })).status).toBe(201);
    const latest = await answer(a, { trades: ['tiler', 'tiler'], regionCode: '620102' });
    expect(latest).toMatchObject({ status: 201, body: { trades: ['tiler'] } });
    expect((await answer(b, { trades: ['tiler', 'caregiver'], regionCode: '620103' })).status).toBe(201);
    expect((await answer(c, { trades: ['caregiver'], regionCode: '620502' })).status).toBe(201);

    const summary = await http(app, 'GET', '/api/training-demand/summary?regionCode=620100', { token: officer.token });
    expect(summary.status).toBe(200);
    const row = (trade: string) => summary.body.find((r: { trade: string }) => r.trade === trade);
    // a answered twice: only the latest answer counts, once per trade; c is in Tianshui.
    expect(row('tiler')).toEqual({ trade: 'tiler', workers: 2, waitedWithoutWork: 1 });
    expect(row('caregiver')).toEqual({ trade: 'caregiver', workers: 1, waitedWithoutWork: 0 });
    expect(row('painter')).toBeUndefined();
    const province = await http(app, 'GET', '/api/training-demand/summary?regionCode=620000', { token: officer.token });
    expect(province.body.find((r: { trade: string }) => r.trade === 'caregiver').workers).toBe(2);

    const staffView = await http(app, 'GET', '/api/training-demand/summary', { token: staff.token });
    expect(staffView.status).toBe(200);
    expect((await http(app, 'GET', '/api/training-demand/summary?regionCode=620500', { token: staff.token })).status).toBe(403);
    expect((await http(app, 'GET', '/api/training-demand/summary?regionCode=620100', { token: a.token })).status).toBe(403);
    expect((await http(app, 'GET', '/api/training-demand/summary?regionCode=620100')).status).toBe(401);
  });
});
