import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { chinaDateOf } from '../../api/src/calendar/china-date.js';
import { connectCollecting, http, nextPhone, newWorker, waitFor, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const OTHER = 'lz-anning-station';
const MIN = 60_000;

describe.each(BACKENDS)('career guidance on %s', (backend) => {
  let app: TestApp;
  let staff: Person;
  let staffElsewhere: Person;
  const sockets: Socket[] = [];
  const today = chinaDateOf(new Date());

  beforeAll(async () => {
    app = await startTestApp(backend, { SERVICES_CHECK_S: '0.2', GUIDANCE_NO_SHOW_GRACE_S: '0' });
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
    staffElsewhere = await personWith(app, { role: 'staff', marketId: OTHER });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.stop();
  });

  async function slot(body: Record<string, unknown>, token = staff.token, marketId = MARKET) {
    return http(app, 'POST', `/api/markets/${marketId}/guidance-slots`, { token, body: { counsellor: '王老师', ...body } });
  }
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const book = (slotId: string, token: string, body?: Record<string, unknown>) =>
    http(app, 'POST', `/api/guidance-slots/${slotId}/bookings`, { token, body });
  const publicSlots = async () => (await http(app, 'GET', `/api/markets/${MARKET}/guidance-slots`)).body as Array<{ id: string; freePlaces: number; taken: number }>;
  const ledger = async () =>
    (await http(app, 'GET', `/api/markets/${MARKET}/ledger?date=${today}`, { token: staff.token })).body.entries as Array<{
      type: string;
      actor: string;
      subject: string;
      data: Record<string, unknown>;
    }>;

  test('a booking made on the phone and one for a walk-in: reminded once, kept, recorded in the log', async () => {
    const s = await slot({ startsAt: at(30 * MIN), endsAt: at(90 * MIN), capacity: 2 });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ marketId: MARKET, capacity: 2, taken: 0, freePlaces: 2, counsellor: '王老师' });

    const worker = await newWorker(app);
    const phone = await connectCollecting(app, '/worker', { token: worker.token }, ['guidance:reminder']);
    sockets.push(phone.socket);
    const mine = await book(s.body.id, worker.token);
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ slotId: s.body.id, workerId: worker.id, status: 'booked', walkIn: false });
    expect((await book(s.body.id, worker.token)).body.code).toBe('ALREADY_BOOKED');
    expect((await publicSlots()).find((x) => x.id === s.body.id)).toMatchObject({ taken: 1, freePlaces: 1 });

    const walkInPhone = nextPhone();
    const walkIn = await http(app, 'POST', '/api/staff/walk-ins', {
      token: staff.token,
      body: { marketId: MARKET, name: '李大姐', trades: ['cleaner'], phone: walkInPhone },
    });
    expect(walkIn.status).toBe(201);
    const forWalkIn = await book(s.body.id, staff.token, { workerId: walkIn.body.workerId });
    expect(forWalkIn.status).toBe(201);
    expect(forWalkIn.body).toMatchObject({ workerId: walkIn.body.workerId, bookedBy: staff.id, walkIn: true, workerName: '李大姐' });

    const late = await newWorker(app);
    const full = await book(s.body.id, late.token);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('SLOT_FULL');

    // The session starts within the hour: the phone is reminded once, the walk-in by SMS.
    const reminder = await waitFor(() => phone.received.find((e) => e.event === 'guidance:reminder'), 5000, 'the reminder');
    expect(reminder.payload).toMatchObject({ bookingId: mine.body.id, slotId: s.body.id, marketId: MARKET, counsellor: '王老师' });
    const sms = await waitFor(
      async () => (await http(app, 'GET', `/api/dev/sms/outbox?phone=${walkInPhone}`)).body.find((m: { text: string }) => m.text.includes('职业指导')),
      5000,
      'the SMS reminder',
    );
    expect(sms.text).toContain('王老师');
    await new Promise((r) => setTimeout(r, 800));
    expect(phone.received.filter((e) => e.event === 'guidance:reminder')).toHaveLength(1);

    const kept = await http(app, 'POST', `/api/guidance-bookings/${mine.body.id}/outcome`, {
      token: staff.token,
      body: { attended: true, notes: '想学电工证', referredTo: '技能培训' },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: 'attended', notes: '想学电工证', referredTo: '技能培训' });
    const again = await http(app, 'POST', `/api/guidance-bookings/${mine.body.id}/outcome`, { token: staff.token, body: { attended: false } });
    expect(again.body.code).toBe('OUTCOME_RECORDED');

    const own = await http(app, 'GET', '/api/workers/me/guidance', { token: worker.token });
    expect(own.body).toEqual([expect.objectContaining({ id: mine.body.id, status: 'attended' })]);

    const entries = await waitFor(
      async () => {
        const e = await ledger();
        return e.some((x) => x.type === 'guidance_outcome' && x.subject === mine.body.id) && e;
      },
      5000,
      'the outcome in the log',
    );
    expect(entries.filter((e) => e.type === 'guidance_booked').map((e) => e.subject)).toEqual(
      expect.arrayContaining([mine.body.id, forWalkIn.body.id]),
    );
    expect(entries.find((e) => e.subject === forWalkIn.body.id)).toMatchObject({ actor: staff.id });
    expect(entries.find((e) => e.type === 'guidance_outcome' && e.subject === mine.body.id)).toMatchObject({
      actor: staff.id,
      data: { attended: true, referredTo: '技能培训', freed: false },
    });
  });

  test('a booking missed: after the session ends it becomes a no-show and its place is free again', async () => {
    const s = await slot({ startsAt: at(-10 * MIN), endsAt: at(1500), capacity: 1 });
    expect(s.status).toBe(201);
    const worker = await newWorker(app);
    const b = await book(s.body.id, worker.token);
    expect(b.status).toBe(201);
    expect((await publicSlots()).find((x) => x.id === s.body.id)).toMatchObject({ taken: 1, freePlaces: 0 });

    const missed = await waitFor(
      async () => (await http(app, 'GET', '/api/workers/me/guidance', { token: worker.token })).body.find((x: { status: string }) => x.status === 'no_show'),
      6000,
      'the no-show',
    );
    expect(missed).toMatchObject({ id: b.body.id, status: 'no_show' });
    const day = await http(app, 'GET', `/api/markets/${MARKET}/guidance-bookings?date=${today}`, { token: staff.token });
    expect(day.status).toBe(200);
    const mineSlot = day.body.slots.find((x: { id: string }) => x.id === s.body.id);
    expect(mineSlot).toMatchObject({ taken: 0, freePlaces: 1, bookings: [expect.objectContaining({ id: b.body.id, status: 'no_show' })] });
    // An ended session takes no booking, and is no longer listed.
    expect((await book(s.body.id, (await newWorker(app)).token)).body.code).toBe('SLOT_ENDED');
    expect((await publicSlots()).some((x) => x.id === s.body.id)).toBe(false);

    const logged = await waitFor(
      async () => (await ledger()).find((e) => e.type === 'guidance_outcome' && e.subject === b.body.id),
      5000,
      'the no-show in the log',
    );
    expect(logged).toMatchObject({ actor: 'system', data: { attended: false, freed: true } });
    // Staff may still record that the worker came late; the sweep never marks it twice.
    const late = await http(app, 'POST', `/api/guidance-bookings/${b.body.id}/outcome`, { token: staff.token, body: { attended: true } });
    expect(late.body.status).toBe('attended');
    expect((await ledger()).filter((e) => e.type === 'guidance_outcome' && e.subject === b.body.id && e.actor === 'system')).toHaveLength(1);
  });

  test('concurrent bookings never exceed the capacity', async () => {
    const s = await slot({ startsAt: at(3 * 3600_000), endsAt: at(4 * 3600_000), capacity: 3 });
    const workers: TestWorker[] = [];
    for (let i = 0; i < 10; i += 1) workers.push(await newWorker(app));
    const results = await Promise.all(workers.map((w) => book(s.body.id, w.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(7).fill('SLOT_FULL'));
    expect((await publicSlots()).find((x) => x.id === s.body.id)).toMatchObject({ taken: 3, freePlaces: 0 });
  });

  test('who may do what', async () => {
    const worker = await newWorker(app);
    const s = await slot({ startsAt: at(5 * 3600_000), endsAt: at(6 * 3600_000) });
    expect((await slot({ startsAt: at(MIN), endsAt: at(2 * MIN) }, worker.token)).status).toBe(403);
    expect((await slot({ startsAt: at(MIN), endsAt: at(2 * MIN) }, staffElsewhere.token)).status).toBe(403);
    expect((await slot({ startsAt: at(MIN), endsAt: at(2 * MIN) }, '')).status).toBe(401);
    expect((await slot({ startsAt: at(2 * MIN), endsAt: at(MIN) })).body.code).toBe('VALIDATION_FAILED');
    expect((await book(s.body.id, '')).status).toBe(401);
    expect((await http(app, 'GET', '/api/workers/me/guidance')).status).toBe(401);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/guidance-bookings`, { token: worker.token })).status).toBe(403);
    expect((await http(app, 'GET', `/api/markets/${MARKET}/guidance-bookings`, { token: staffElsewhere.token })).status).toBe(403);

    // Staff book only for a walk-in of their own market, never for a phone worker or another market's walk-in.
    const walkIn = await http(app, 'POST', '/api/staff/walk-ins', { token: staff.token, body: { marketId: MARKET, name: '赵师傅', trades: ['mover'] } });
    expect((await book(s.body.id, staffElsewhere.token, { workerId: walkIn.body.workerId })).status).toBe(403);
    expect((await book(s.body.id, staff.token, { workerId: worker.id })).status).toBe(403);
    expect((await book(s.body.id, worker.token, { workerId: walkIn.body.workerId })).status).toBe(403);
    const b = await book(s.body.id, worker.token);
    expect(b.status).toBe(201);
    expect((await http(app, 'POST', `/api/guidance-bookings/${b.body.id}/outcome`, { token: worker.token, body: { attended: true } })).status).toBe(403);
    expect((await http(app, 'POST', `/api/guidance-bookings/${b.body.id}/outcome`, { token: staffElsewhere.token, body: { attended: true } })).status).toBe(
      403,
    );
    expect((await http(app, 'GET', `/api/markets/${MARKET}/guidance-slots`)).status).toBe(200);
  });
});
