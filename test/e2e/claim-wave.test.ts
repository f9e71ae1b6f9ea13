import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { OffersRepository, type NewOffer } from '../../api/src/offers/offers.repository.js';
import { http, newEmployer, newWorker, shiftBody, type TestWorker } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

/** Claiming a wave and storing its offers, straight against the database: all of it or none of it. */
describe.each(BACKENDS)('claiming a wave on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  let offers: OffersRepository;

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app);
    offers = new OffersRepository(app.database.prisma);
  });
  afterAll(() => app.stop());

  /** Nobody waits for this trade, so the API sends no wave of its own. */
  async function postShift(): Promise<string> {
    const res = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'welder', headcount: 2 }) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const offerTo = (w: TestWorker, distanceKm = 1): NewOffer => ({
    id: randomUUID(),
    workerId: w.id,
    distanceKm,
    score: 1 / distanceKm,
    reasons: { text: ['离你近'], details: [{ code: 'distance', value: distanceKm, weight: 1 }] },
  });
  const claim = (shiftId: string, fromWave: number, list: NewOffer[]) =>
    offers.claimWave({ shiftId, fromWave, radiusKm: 5, expiresAt: new Date(Date.now() + 60_000), offers: list });
  const stored = async (shiftId: string) => {
    const prisma = app.database.prisma;
    const shift = await prisma.shift.findUniqueOrThrow({ where: { id: shiftId }, select: { wave: true, radiusKm: true } });
    const rows = await prisma.offer.findMany({ where: { shiftId }, select: { workerId: true, wave: true, status: true } });
    return { shift, workers: rows.map((r) => r.workerId).sort(), waves: [...new Set(rows.map((r) => r.wave))] };
  };

  test('a claim stores its offers and moves the wave on; a second claim of the same wave stores nothing', async () => {
    const [a, b, c] = await Promise.all(Array.from({ length: 3 }, () => newWorker(app, { trades: ['welder'] })));
    const shiftId = await postShift();
    expect(await claim(shiftId, 0, [offerTo(a), offerTo(b, 2)])).toBe(true);
    expect(await claim(shiftId, 0, [offerTo(c)])).toBe(false);
    expect(await stored(shiftId)).toEqual({ shift: { wave: 1, radiusKm: 5 }, workers: [a.id, b.id].sort(), waves: [1] });
  });

  test('a worker offered the shift twice fails the whole claim: the wave stays where it was, no offer is stored', async () => {
    const [a, b, c] = await Promise.all(Array.from({ length: 3 }, () => newWorker(app, { trades: ['welder'] })));
    const shiftId = await postShift();
    await expect(claim(shiftId, 0, [offerTo(a), offerTo(b), offerTo(a, 3)])).rejects.toThrow();
    expect(await stored(shiftId)).toEqual({ shift: { wave: 0, radiusKm: 0 }, workers: [], waves: [] });

    expect(await claim(shiftId, 0, [offerTo(a)])).toBe(true);
    await expect(claim(shiftId, 1, [offerTo(c), offerTo(a)])).rejects.toThrow();
    expect(await stored(shiftId)).toEqual({ shift: { wave: 1, radiusKm: 5 }, workers: [a.id], waves: [1] });
  });

  test('a closed shift takes no wave', async () => {
    const a = await newWorker(app, { trades: ['welder'] });
    const shiftId = await postShift();
    const cancelled = await http(app, 'POST', `/api/shifts/${shiftId}/cancel`, { token: employer.token });
    expect(cancelled.status).toBe(200);
    expect(await claim(shiftId, 0, [offerTo(a)])).toBe(false);
    expect((await stored(shiftId)).workers).toEqual([]);
  });
});
