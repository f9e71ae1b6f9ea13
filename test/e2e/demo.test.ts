import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { connectCollecting, waitFor } from '../support/clients.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The demo markets the simulator's places belong to (packages/simulator/src/model.ts). */
const LANZHOU_MARKETS = ['lz-chengguan', 'lz-qilihe-construction', 'lz-anning-station', 'lz-xigu-station'];
/** Generous: a liveness check on a shared machine, not a timing benchmark (the aim is a few seconds). */
const FIRST_SHIFT_WITHIN_MS = 20_000;

/**
 * `npm start -- --demo` as a visitor meets it: the built API (api/dist/main.js) on a throwaway in-memory
 * database, which starts the simulator package. Its boards must come alive at once.
 */
describe('the demo mode', () => {
  let api: ChildProcess | undefined;
  let url = '';
  const output: string[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !['DATABASE_URL', 'REDIS_URL', 'DEMO_SIMULATION', 'DATA_DIR', 'PORT', 'HOST', 'NODE_ENV', 'NODE_OPTIONS'].includes(k),
      ),
    );
    api = spawn(process.execPath, [path.join(ROOT, 'api/dist/main.js'), '--demo'], {
      cwd: ROOT,
      env: {
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: 'memory://',
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN_S: '0',
        SHUTDOWN_SPREAD_S: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    api.stdout?.on('data', keep);
    api.stderr?.on('data', keep);
    // The banner names the port the OS chose.
    url = await waitFor(
      () => /(http:\/\/\S+?)\/api\/health/.exec(output.join(''))?.[1]?.replace('localhost', '127.0.0.1'),
      120_000,
      'the API to start',
    );
  }, 130_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api!.once('exit', resolve));
      api.kill('SIGTERM');
      const timer = setTimeout(() => api!.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  }, 30_000);

  test(`a board sees a new shift within ${FIRST_SHIFT_WITHIN_MS / 1000} s of start-up, with workers already waiting`, async () => {
    const started = Date.now();
    const boards = await Promise.all(
      LANZHOU_MARKETS.map((marketId) => connectCollecting({ url }, '/board', { marketId }, ['shift:opened', 'stats:updated'])),
    );
    sockets.push(...boards.map((b) => b.socket));
    const all = () => boards.flatMap((b) => b.received);
    const opened = await waitFor(
      () => all().find((e) => e.event === 'shift:opened'),
      FIRST_SHIFT_WITHIN_MS,
      `a shift:opened on a Lanzhou board (API output:\n${output.join('').slice(-2000)})`,
    );
    expect(opened.at - started).toBeLessThanOrEqual(FIRST_SHIFT_WITHIN_MS);
    expect(opened.payload.shift.id).toEqual(expect.any(String));
    // Workers are waiting at the markets, not trickling in over the first simulated hour.
    await waitFor(
      () => all().find((e) => e.event === 'stats:updated' && e.payload.stats.waitingWorkers > 0),
      FIRST_SHIFT_WITHIN_MS,
      'a board counting waiting workers',
    );
    expect(output.join('')).toMatch(/\[simulator\] day 1: 06:00/);
  }, 60_000);
});
