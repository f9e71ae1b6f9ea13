import { describe, expect, test } from '@jest/globals';
import { DomainEvents, type DomainEventName } from './domain-events.js';

describe('DomainEvents', () => {
  test('handlers of that event receive the payload; others do not run', async () => {
    const events = new DomainEvents(() => {});
    const opened: string[] = [];
    const closed: string[] = [];
    events.on('shift.opened', (p) => void opened.push(p.shiftId));
    events.on('shift.opened', (p) => void opened.push(`again ${p.shiftId}`));
    events.on('shift.closed', (p) => void closed.push(p.shiftId));

    events.publish('shift.opened', { shiftId: 's1' });
    await events.drain();
    expect(opened).toEqual(['s1', 'again s1']);
    expect(closed).toEqual([]);
  });

  test('publishing with no handlers is harmless', async () => {
    const events = new DomainEvents(() => {});
    events.publish('shift.changed', { shiftId: 's1' });
    await expect(events.drain()).resolves.toBeUndefined();
  });

  test('a throwing handler is reported to onError and does not stop the others', async () => {
    const errors: Array<[unknown, DomainEventName]> = [];
    const events = new DomainEvents((error, event) => errors.push([error, event]));
    const seen: string[] = [];
    const boom = new Error('boom');
    events.on('offers.sent', () => {
      throw boom;
    });
    events.on('offers.sent', async () => {
      throw new Error('async boom');
    });
    events.on('offers.sent', (p) => void seen.push(...p.offers.map((o) => o.workerId)));

    events.publish('offers.sent', {
      shiftId: 's1',
      slotsLeft: 1,
      offers: ['o1', 'o2'].map((workerId) => ({ workerId, payload: {} as never })),
    });
    await events.drain();
    expect(seen).toEqual(['o1', 'o2']);
    expect(errors).toEqual([
      [boom, 'offers.sent'],
      [new Error('async boom'), 'offers.sent'],
    ]);
  });

  test('publish does not run handlers synchronously; drain waits for async handlers', async () => {
    const events = new DomainEvents(() => {});
    const log: string[] = [];
    events.on('presence.changed', async (p) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`${p.workerId} ${p.status}`);
    });

    events.publish('presence.changed', { workerId: 'w1', status: 'busy' });
    expect(log).toEqual([]);
    await events.drain();
    expect(log).toEqual(['w1 busy']);
  });

  test('drain also waits for handlers published by handlers while draining', async () => {
    const events = new DomainEvents(() => {});
    const log: string[] = [];
    events.on('shift.changed', async (p) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.publish('shift.closed', { shiftId: p.shiftId, reason: 'filled' });
    });
    events.on('shift.closed', async (p) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`closed ${p.shiftId}`);
    });

    events.publish('shift.changed', { shiftId: 's1' });
    await events.drain();
    expect(log).toEqual(['closed s1']);
  });

  test('publishAndWait resolves once every handler of the event has finished; a failure is reported, not thrown', async () => {
    const failures: string[] = [];
    const events = new DomainEvents((error, event) => failures.push(`${event}: ${(error as Error).message}`));
    const log: string[] = [];
    events.on('shift.cancelled', async ({ shiftId }) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push(`withdrawn ${shiftId}`);
    });
    events.on('shift.cancelled', () => {
      throw new Error('board down');
    });

    await events.publishAndWait('shift.cancelled', { shiftId: 's1' });
    expect(log).toEqual(['withdrawn s1']);
    expect(failures).toEqual(['shift.cancelled: board down']);
  });
});
