import { describe, expect, test } from '@jest/globals';
import { KeyedQueue } from './keyed-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedQueue', () => {
  test('tasks with the same key run one at a time, in order, even when one throws', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        running--;
        if (fail) throw new Error(name);
        return name;
      };

    const results = await Promise.allSettled([
      queue.run('shift-1', task('a', 20)),
      queue.run('shift-1', task('b', 5, true)),
      queue.run('shift-1', task('c', 1)),
    ]);

    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(maxRunning).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'c' });
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('b'));
  });

  test('a task that throws synchronously does not block the next', async () => {
    const queue = new KeyedQueue();
    const first = queue.run('k', () => {
      throw new Error('sync');
    });
    await expect(first).rejects.toThrow('sync');
    await expect(queue.run('k', async () => 'next')).resolves.toBe('next');
  });

  test('different keys run concurrently', async () => {
    const queue = new KeyedQueue();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const log: string[] = [];

    const slow = queue.run('shift-1', async () => {
      log.push('start 1');
      await gate;
      log.push('end 1');
    });
    const other = queue.run('shift-2', async () => {
      log.push('run 2');
    });
    await other; // would never resolve if shift-2 waited for shift-1
    expect(log).toEqual(['start 1', 'run 2']);
    release();
    await slow;
    expect(log).toEqual(['start 1', 'run 2', 'end 1']);
  });
});
