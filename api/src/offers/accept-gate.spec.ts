import { describe, expect, test } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { AcceptGate } from './accept-gate.js';
import type { AcceptOutcome, AcceptRequest } from './accept-offer.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const offersFor = (n: number, expiresAt = inAMinute()) =>
  Array.from({ length: n }, (_, i) => ({ offerId: `o${i}`, workerId: `w${i}`, expiresAt }));

/** Stands in for the hire transaction: `slots` in all, first comers in each batch first, like the database. */
function fakeDatabase(slots: number, refuse: (r: AcceptRequest) => string | undefined = () => undefined) {
  let filled = 0;
  const batches: string[][] = [];
  const hire = async (requests: AcceptRequest[]): Promise<AcceptOutcome[]> => {
    batches.push(requests.map((r) => r.offerId));
    await new Promise((r) => setTimeout(r, 2));
    const outcomes = requests.map((r): AcceptOutcome => {
      const code = refuse(r);
      if (code) return { ok: false, error: new AppError(code as never) };
      if (filled >= slots) return { ok: false, error: new AppError('SHIFT_FILLED') };
      filled++;
      return {
        ok: true,
        result: { assignment: { id: `a-${r.offerId}`, shiftId: 's1' }, shiftFilled: filled === slots, alreadyAccepted: false },
      };
    });
    return outcomes;
  };
  return { hire, batches, filled: () => filled };
}

describe('AcceptGate', () => {
  test('1,000 accepts for 10 slots: the first ten to arrive win, in one or two transactions; the rest answered SHIFT_FILLED', async () => {
    const db = fakeDatabase(10);
    const gate = new AcceptGate(db.hire, 60_000);
    gate.offered('s1', 10, offersFor(1000));
    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => gate.admit(`w${i}`, `o${i}`)));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const r of results.slice(10)) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'SHIFT_FILLED' } });
    expect(db.batches.length).toBeLessThanOrEqual(2);
    expect(db.batches[0].slice(0, 10)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9']);
    expect(db.filled()).toBe(10);
  });

  test('a full batch (twice the slots) goes to the database at once; a smaller one after this turn of the event loop', async () => {
    const db = fakeDatabase(10);
    const gate = new AcceptGate(db.hire, 60_000);
    gate.offered('s1', 10, offersFor(30));
    const admitted = Array.from({ length: 19 }, (_, i) => gate.admit(`w${i}`, `o${i}`).catch(() => undefined));
    expect(db.batches).toHaveLength(0);
    admitted.push(gate.admit('w19', 'o19').catch(() => undefined));
    expect(db.batches).toHaveLength(1);
    expect(db.batches[0]).toHaveLength(20);
    await Promise.all(admitted);
    expect(db.filled()).toBe(10);
  });

  test('refused accepts leave their slots to the next in line, who are sent in the next batch', async () => {
    const db = fakeDatabase(2, (r) => (['o0', 'o1', 'o2', 'o3'].includes(r.offerId) ? 'SCHEDULE_CONFLICT' : undefined));
    const gate = new AcceptGate(db.hire, 60_000);
    gate.offered('s1', 2, offersFor(8));
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5, 6, 7].map((i) => gate.admit(`w${i}`, `o${i}`)));
    expect(results.map((r) => (r.status === 'fulfilled' ? 'hired' : (r.reason as AppError).code))).toEqual([
      'SCHEDULE_CONFLICT',
      'SCHEDULE_CONFLICT',
      'SCHEDULE_CONFLICT',
      'SCHEDULE_CONFLICT',
      'hired',
      'hired',
      'SHIFT_FILLED',
      'SHIFT_FILLED',
    ]);
    expect(db.batches).toEqual([
      ['o0', 'o1', 'o2', 'o3'],
      ['o4', 'o5', 'o6', 'o7'],
    ]);
  });

  test('offers it has not seen, of someone else, or past their deadline go to the database alone', async () => {
    const db = fakeDatabase(5);
    const gate = new AcceptGate(db.hire, 60_000);
    gate.offered('s1', 1, offersFor(1));
    gate.offered('s2', 1, [{ offerId: 'late', workerId: 'w9', expiresAt: new Date(Date.now() - 1000).toISOString() }]);
    gate.shiftClosed('s1', 'filled');
    gate.shiftClosed('s2', 'filled');
    await gate.admit('w0', 'unknown');
    await gate.admit('intruder', 'o0');
    await gate.admit('w9', 'late');
    expect(db.batches).toEqual([['unknown'], ['o0'], ['late']]);
    await expect(gate.admit('w0', 'o0')).rejects.toMatchObject({ code: 'SHIFT_FILLED' });
  });

  test("a winner's retry is the database's to answer; a reopened shift admits again", async () => {
    const db = fakeDatabase(1);
    const gate = new AcceptGate(db.hire, 60_000);
    gate.offered('s1', 1, offersFor(2));
    await gate.admit('w0', 'o0');
    await expect(gate.admit('w0', 'o0')).rejects.toMatchObject({ code: 'SHIFT_FILLED' }); // the fake has no memory of hires
    expect(db.batches.at(-1)).toEqual(['o0']);
    await expect(gate.admit('w1', 'o1')).rejects.toMatchObject({ code: 'SHIFT_FILLED' });
    expect(db.batches).toHaveLength(2);
    gate.offered('s1', 1, [{ offerId: 'o2', workerId: 'w2', expiresAt: inAMinute() }]);
    await expect(gate.admit('w2', 'o2')).rejects.toMatchObject({ code: 'SHIFT_FILLED' });
    expect(db.batches.at(-1)).toEqual(['o2']);
  });

  test('a failing transaction fails its batch only; a closed shift is forgotten after the delay', async () => {
    let fail = true;
    const gate = new AcceptGate(async (requests) => {
      if (fail) throw new Error('database down');
      return requests.map(() => ({ ok: false, error: new AppError('SHIFT_CANCELLED') }));
    }, 5);
    gate.offered('s1', 1, offersFor(3));
    await expect(gate.admit('w0', 'o0')).rejects.toThrow('database down');
    fail = false;
    await expect(gate.admit('w1', 'o1')).rejects.toMatchObject({ code: 'SHIFT_CANCELLED' });
    await expect(gate.admit('w2', 'o2')).rejects.toMatchObject({ code: 'SHIFT_CANCELLED' });
    await new Promise((r) => setTimeout(r, 20));
    expect(gate.size).toEqual({ shifts: 0, offers: 0 });
  });
});

describe('AcceptGate.raceOver', () => {
  const elapsed = async (run: () => Promise<void>) => {
    const t0 = Date.now();
    await run();
    return Date.now() - t0;
  };

  test('waits while accepts keep coming, until they stop for the quiet time', async () => {
    const gate = new AcceptGate(fakeDatabase(1).hire, 60_000);
    gate.offered('s1', 1, offersFor(12));
    await gate.admit('w0', 'o0');
    const lateComers = (async () => {
      for (let i = 1; i < 12; i++) {
        await new Promise((r) => setTimeout(r, 10));
        await gate.admit(`w${i}`, `o${i}`).catch(() => undefined);
      }
    })();
    const waited = await elapsed(() => gate.raceOver('s1', 40, 5_000));
    await lateComers;
    expect(waited).toBeGreaterThanOrEqual(11 * 10 + 40 - 5);
    expect(waited).toBeLessThan(2_000);
  });

  test('returns at once for a shift nobody is accepting, and after maxMs however long the race goes on', async () => {
    const gate = new AcceptGate(fakeDatabase(1).hire, 60_000);
    expect(await elapsed(() => gate.raceOver('unknown', 40, 5_000))).toBeLessThan(20);
    gate.offered('s1', 1, offersFor(200));
    await gate.admit('w0', 'o0');
    let racing = true;
    const endless = (async () => {
      for (let i = 1; racing && i < 200; i++) {
        await new Promise((r) => setTimeout(r, 5));
        await gate.admit(`w${i}`, `o${i}`).catch(() => undefined);
      }
    })();
    const waited = await elapsed(() => gate.raceOver('s1', 40, 150));
    racing = false;
    await endless;
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(waited).toBeLessThan(1_500);
  });
});
