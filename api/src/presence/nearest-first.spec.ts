import { describe, expect, test } from '@jest/globals';
import { NearestFirst } from './nearest-first.js';
import { seededRandom as random } from '../../../test/support/seeded-random.js';

describe('NearestFirst', () => {
  test('takes items out in the order a stable sort by distance gives, ties in the order added (300 random fills of one queue)', () => {
    const rnd = random(31);
    const queue = new NearestFirst<string>();
    for (let run = 0; run < 300; run++) {
      const coarse = run % 3 === 0; // many exact ties
      const items = Array.from({ length: Math.floor(rnd() * 400) }, (_, i) => ({
        id: `c${i}`,
        km: coarse ? Math.floor(rnd() * 5) : rnd() * 50,
      }));
      for (const { id, km } of items) queue.add(id, km);
      const expected = [...items].sort((a, b) => a.km - b.km);
      // Stops part-way now and then, as a search does; clear() must leave nothing behind for the next fill.
      const stopAt = run % 4 === 0 ? Math.floor(rnd() * items.length) : items.length;
      const taken: Array<{ id: string; km: number }> = [];
      while (!queue.isEmpty && taken.length < stopAt) {
        const km = queue.nearestKm();
        taken.push({ id: queue.take()!, km });
      }
      expect(taken).toEqual(expected.slice(0, stopAt));
      queue.clear();
      expect(queue.isEmpty).toBe(true);
    }
  });

  test('empty: no nearest distance, nothing to take', () => {
    const queue = new NearestFirst<string>();
    expect(queue.nearestKm()).toBeNaN();
    expect(queue.take()).toBeUndefined();
    queue.add('a', 1);
    expect(queue.take()).toBe('a');
    expect(queue.isEmpty).toBe(true);
    expect(queue.take()).toBeUndefined();
  });
});
