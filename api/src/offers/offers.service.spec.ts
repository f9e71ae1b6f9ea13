import { describe, expect, test } from '@jest/globals';
import pino from 'pino';
import { AppError } from '../common/errors.js';
import { DomainEvents } from '../events/domain-events.js';
import { AcceptGate } from './accept-gate.js';
import type { AcceptOutcome, AcceptRequest } from './accept-offer.js';
import type { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';

const SLOTS = 3;

/** The hire transaction, first comers first, `SLOTS` in all: the last one taken fills the shift. */
function fakeHire() {
  let filled = 0;
  return async (requests: AcceptRequest[]): Promise<AcceptOutcome[]> => {
    await new Promise((r) => setTimeout(r, 2));
    return requests.map((r): AcceptOutcome => {
      if (filled >= SLOTS) return { ok: false, error: new AppError('SHIFT_FILLED') };
      filled++;
      return {
        ok: true,
        result: { assignment: { id: `a-${r.offerId}`, shiftId: 's1' }, shiftFilled: filled === SLOTS, alreadyAccepted: false },
      };
    });
  };
}

function setUp(marketId: string | null = 'm1') {
  const told: string[] = [];
  const events = new DomainEvents((error) => {
    throw error;
  });
  events.on('shift.changed', ({ shiftId }) => void told.push(`changed ${shiftId}`));
  events.on('shift.closed', ({ shiftId, reason }) => void told.push(`closed ${shiftId} ${reason}`));
  // as DispatchService does on `shift.filled`: the shift's offers withdrawn (a database round trip), then `shift.closed`
  events.on('shift.filled', async ({ shiftId }) => {
    await new Promise((r) => setTimeout(r, 1));
    events.publish('shift.closed', { shiftId, reason: 'filled' });
  });
  const gate = new AcceptGate(fakeHire(), 60_000);
  const offers = new OffersService({ marketOfShift: async () => marketId } as unknown as OffersRepository, events, pino({ level: 'silent' }), gate);
  offers.onModuleInit();
  const hires: string[] = [];
  events.on('assignment.hired', ({ assignmentId, marketId }) => void hires.push(`hired ${assignmentId} at ${marketId}`));
  const expiresAt = new Date(Date.now() + 60_000).toISOString();
  gate.offered(
    's1',
    SLOTS,
    Array.from({ length: 200 }, (_, i) => ({ offerId: `o${i}`, workerId: `w${i}`, expiresAt })),
  );
  return { told, hires, offers };
}

describe('OffersService after a race', () => {
  test('while accepts keep coming nobody is told; then once: the shift changed, and then it closed', async () => {
    const { told, offers } = setUp();
    const answers: Array<Promise<unknown>> = [];
    // a race that goes on for about 60 ms, accepts every 5 ms, longer than the 20 ms quiet time in all
    for (let i = 0; i < 12; i++) {
      answers.push(offers.accept(`w${i}`, `o${i}`).catch((e: unknown) => e));
      await new Promise((r) => setTimeout(r, 5));
      expect(told).toEqual([]);
    }
    const results = await Promise.all(answers);
    expect(results.filter((r) => !(r instanceof AppError))).toHaveLength(SLOTS);
    await new Promise((r) => setTimeout(r, 100));
    expect(told).toEqual(['changed s1', 'closed s1 filled']);
  });

  test('a lone hire that does not fill the shift is told once the quiet time has passed, and nothing closes', async () => {
    const { told, offers } = setUp();
    await offers.accept('w0', 'o0');
    expect(told).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(told).toEqual(['changed s1']);
  });

  test('the hires of a race are published after it, one event each, with the market of the shift', async () => {
    const { told, hires, offers } = setUp('m1');
    await Promise.all([offers.accept('w0', 'o0', { by: 'staff-1', via: 'staff' }), offers.accept('w1', 'o1')]);
    expect(hires).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(hires.sort()).toEqual(['hired a-o0 at m1', 'hired a-o1 at m1']);
    expect(told[0]).toBe('changed s1');
  });
});
