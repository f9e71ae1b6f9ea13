import { describe, expect, test } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { AcceptGate } from './accept-gate.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const offersFor = (n: number, expiresAt = inAMinute()) =>
  Array.from({ length: n }, (_, i) => ({ offerId: `o${i}`, workerId: `w${i}`, expiresAt }));

/** A stand-in for the hire transaction: one slot at a time, `slots` in all, like the database's conditional update. */
function fakeShift(slots: number) {
  let filled = 0;
  let running = 0;
  let maxRunning = 0;
  const attempts: string[] = [];
  const attempt = (offerId: string) => async () => {
    attempts.push(offerId);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, 2));
    running--;
    if (filled >= slots) throw new AppError('SHIFT_FILLED');
    filled++;
    return { shiftFilled: filled === slots, alreadyAccepted: false, offerId };
  };
  return { attempt, attempts, stats: () => ({ filled, maxRunning }) };
}

describe('AcceptGate', () => {
  test('1,000 accepts for 10 slots: 10 transactions, the first ten to arrive win, the rest answered SHIFT_FILLED', async () => {
    const gate = new AcceptGate(60_000);
    const shift = fakeShift(10);
    gate.offered('s1', 10, offersFor(1000));
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => gate.admit(`w${i}`, `o${i}`, shift.attempt(`o${i}`))));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const r of results.slice(10)) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'SHIFT_FILLED' } });
    expect(shift.attempts).toHaveLength(10);
    expect(shift.stats()).toEqual({ filled: 10, maxRunning: 10 });
  });

  test('a failed hire lets the next in line try; never more in flight than slots left', async () => {
    const gate = new AcceptGate(60_000);
    gate.offered('s1', 2, offersFor(6));
    let inFlight = 0;
    let most = 0;
    let hires = 0;
    const attempt = (fail: boolean) => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      if (fail) throw new AppError('SCHEDULE_CONFLICT');
      hires++;
      return { shiftFilled: hires === 2, alreadyAccepted: false };
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => gate.admit(`w${i}`, `o${i}`, attempt(i < 2))));
    expect(results.map((r) => (r.status === 'fulfilled' ? 'hired' : (r.reason as AppError).code))).toEqual([
      'SCHEDULE_CONFLICT',
      'SCHEDULE_CONFLICT',
      'hired',
      'hired',
      'SHIFT_FILLED',
      'SHIFT_FILLED',
    ]);
    expect(most).toBe(2);
  });

  test('offers it has not seen, of someone else, or past their deadline go straight to the database', async () => {
    const gate = new AcceptGate(60_000);
    gate.offered('s1', 1, offersFor(1));
    gate.offered('s2', 1, [{ offerId: 'late', workerId: 'w9', expiresAt: new Date(Date.now() - 1000).toISOString() }]);
    gate.shiftClosed('s1', 'filled');
    gate.shiftClosed('s2', 'filled');
    const db = async () => ({ shiftFilled: false, alreadyAccepted: true });
    await expect(gate.admit('w0', 'unknown', db)).resolves.toMatchObject({ alreadyAccepted: true });
    await expect(gate.admit('intruder', 'o0', db)).resolves.toMatchObject({ alreadyAccepted: true });
    await expect(gate.admit('w9', 'late', db)).resolves.toMatchObject({ alreadyAccepted: true });
    await expect(gate.admit('w0', 'o0', db)).rejects.toMatchObject({ code: 'SHIFT_FILLED' });
  });

  test("a winner's retry and a declined offer are the database's to answer; a reopened shift admits again", async () => {
    const gate = new AcceptGate(60_000);
    gate.offered('s1', 1, offersFor(2));
    await gate.admit('w0', 'o0', async () => ({ shiftFilled: true, alreadyAccepted: false }));
    await expect(gate.admit('w0', 'o0', async () => ({ shiftFilled: false, alreadyAccepted: true }))).resolves.toMatchObject({
      alreadyAccepted: true,
    });
    await expect(gate.admit('w1', 'o1', async () => ({ shiftFilled: false, alreadyAccepted: false }))).rejects.toMatchObject({
      code: 'SHIFT_FILLED',
    });
    gate.offered('s1', 1, [{ offerId: 'o2', workerId: 'w2', expiresAt: inAMinute() }]);
    await expect(gate.admit('w2', 'o2', async () => ({ shiftFilled: true, alreadyAccepted: false }))).resolves.toBeDefined();
    gate.offerClosed('o1');
    expect(gate.size.offers).toBe(0);
  });

  test('a closed shift is forgotten after the delay', async () => {
    const gate = new AcceptGate(5);
    gate.offered('s1', 1, offersFor(3));
    gate.shiftClosed('s1', 'cancelled');
    await expect(gate.admit('w1', 'o1', async () => ({ shiftFilled: false, alreadyAccepted: false }))).rejects.toMatchObject({
      code: 'SHIFT_CANCELLED',
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(gate.size).toEqual({ shifts: 0, offers: 0 });
  });
});
