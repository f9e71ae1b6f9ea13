import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/dist/main.js');

/**
 * Issue #19, finding 10: a parent that pipes the API's stdout and stderr and then goes away (its pipes closed,
 * or left open with nobody reading them) must not keep the API alive after SIGTERM: it exits by its deadline.
 */
async function startApi(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DEMO_DATA: '0',
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_S: '0',
      SHUTDOWN_SPREAD_S: '0',
      SHUTDOWN_DEADLINE_S: '3',
      // Every log line carries the instance id: long lines fill an unread pipe within a few lines.
      INSTANCE_ID: `pipes-${'x'.repeat(60_000)}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening: ${seen.slice(-300)}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-200_000);
      if (seen.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, exited, output: () => seen };
}

describe.each(['closed', 'unread'] as const)('SIGTERM with the parent’s pipes %s', (pipes) => {
  test('the API exits promptly', async () => {
    const { child, exited } = await startApi({});
    child.stdout.removeAllListeners('data');
    if (pipes === 'closed') {
      child.stdout.destroy();
      child.stderr.destroy();
    } else {
      child.stdout.pause();
      child.stderr.pause();
    }
    const started = Date.now();
    child.kill('SIGTERM');
    const outcome = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 15_000))]);
    if (outcome === 'alive') child.kill('SIGKILL');
    expect(outcome).not.toBe('alive');
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(outcome).toMatchObject({ signal: null });
  }, 60_000);
});

test('SIGTERM: whatever shutdown still waits on, the process exits with 1 at its deadline and says so', async () => {
  // A drain of a minute stands for any close that does not end (a hung connection, a database, a full pipe).
  const { child, exited, output } = await startApi({ SHUTDOWN_DRAIN_S: '60', SHUTDOWN_DEADLINE_S: '2', INSTANCE_ID: 'deadline' });
  const started = Date.now();
  child.kill('SIGTERM');
  const outcome = await Promise.race([exited, new Promise<'alive'>((r) => setTimeout(() => r('alive'), 15_000))]);
  if (outcome === 'alive') child.kill('SIGKILL');
  expect(outcome).toEqual({ code: 1, signal: null });
  expect(Date.now() - started).toBeLessThan(6_000);
  expect(output()).toContain('"event":"shutdown.deadline"');
}, 60_000);
