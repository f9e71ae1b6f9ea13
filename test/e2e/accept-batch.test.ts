import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { acceptOffers, type AcceptOutcome } from '../../api/src/offers/accept-offer.js';
import { http, newEmployer, newWorker, shiftBody, type TestWorker } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

/** What each accept of a batch came to: an error code, or "hired" (and whether it closed the shift). */
const summary = (outcomes: AcceptOutcome[]) =>
  outcomes.map((o) => (o.ok ? (o.result.alreadyAccepted ? 'again' : o.result.shiftFilled ? 'hired, filled' : 'hired') : o.error.code));

/** The hire decision itself, straight against the database: one batch mixing every kind of accept. */
describe.each(BACKENDS)('a batch of accepts on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app);
  });
  afterAll(() => app.stop());

  async function postShift(headcount: number, title: string): Promise<string> {
    const res = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'welder', headcount, title }) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function offer(shiftId: string, workerId: string): Promise<string> {
    const row = await app.database.prisma.offer.create({
      data: { shiftId, workerId, wave: 1, distanceKm: 1, score: 1, reasons: {}, expiresAt: new Date(Date.now() + 60_000) },
    });
    return row.id;
  }

  const accept = (requests: Array<{ workerId: string; offerId: string }>) => acceptOffers(app.database.prisma, requests, new Date());

  test("clashes, strangers and unknown offers are refused; a second tap gets the first one's hire; the first comers take the slots; one hire closes the shift", async () => {
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => newWorker(app, { trades: ['welder'] })));
    const elsewhere = await postShift(1, '钢结构焊接');
    expect(summary(await accept([{ workerId: b.id, offerId: await offer(elsewhere, b.id) }]))).toEqual(['hired, filled']);

    const shiftId = await postShift(3, '管道焊接');
    const offers = new Map<string, string>();
    for (const w of [a, b, c, d, e]) offers.set(w.id, await offer(shiftId, w.id));
    const first = await accept([
      { workerId: a.id, offerId: offers.get(a.id)! },
      { workerId: b.id, offerId: offers.get(b.id)! },
      { workerId: c.id, offerId: offers.get(c.id)! },
      { workerId: c.id, offerId: offers.get(c.id)! },
      { workerId: a.id, offerId: 'no-such-offer' },
      { workerId: a.id, offerId: offers.get(e.id)! },
      { workerId: d.id, offerId: offers.get(d.id)! },
    ]);
    expect(summary(first)).toEqual(['hired', 'SCHEDULE_CONFLICT', 'hired', 'again', 'NOT_FOUND', 'FORBIDDEN', 'hired, filled']);

    const second = await accept([
      { workerId: e.id, offerId: offers.get(e.id)! },
      { workerId: a.id, offerId: offers.get(a.id)! },
    ]);
    expect(summary(second)).toEqual(['SHIFT_FILLED', 'again']);
    const hireOfA = first[0].ok ? first[0].result.assignment.id : undefined;
    expect(second[1].ok && second[1].result.assignment.id).toBe(hireOfA);

    const prisma = app.database.prisma;
    expect(await prisma.shift.findUniqueOrThrow({ where: { id: shiftId } })).toMatchObject({ filled: 3, status: 'filled' });
    const hires = await prisma.assignment.findMany({ where: { shiftId }, select: { workerId: true } });
    expect(hires.map((h) => h.workerId).sort()).toEqual([a.id, c.id, d.id].sort());
    const open = await prisma.offer.findMany({ where: { shiftId, status: 'open' }, select: { workerId: true } });
    expect(open.map((o) => o.workerId).sort()).toEqual([b.id, e.id].sort());
  });

  test('more eligible accepts than slots: the later ones in the batch get SHIFT_FILLED', async () => {
    const workers = await Promise.all(Array.from({ length: 4 }, () => newWorker(app, { trades: ['welder'] })));
    const shiftId = await postShift(2, '护栏焊接');
    const requests: Array<{ workerId: string; offerId: string }> = [];
    for (const w of workers) requests.push({ workerId: w.id, offerId: await offer(shiftId, w.id) });
    expect(summary(await accept(requests))).toEqual(['hired', 'hired, filled', 'SHIFT_FILLED', 'SHIFT_FILLED']);
    expect(await app.database.prisma.assignment.count({ where: { shiftId } })).toBe(2);
  });

  test('a cancelled shift hires nobody, and says so', async () => {
    const worker = await newWorker(app, { trades: ['welder'] });
    const shiftId = await postShift(1, '门窗焊接');
    const offerId = await offer(shiftId, worker.id);
    await app.database.prisma.shift.update({ where: { id: shiftId }, data: { status: 'cancelled', closedReason: 'cancelled' } });
    expect(summary(await accept([{ workerId: worker.id, offerId }]))).toEqual(['SHIFT_CANCELLED']);
    expect(await app.database.prisma.assignment.count({ where: { shiftId } })).toBe(0);
  });
});
