import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type RunningApp } from '../../api/src/app.js';
import { loadConfig, type AppConfig } from '../../api/src/config/config.js';
import { openDatabase, type Database } from '../../api/src/database/database.js';
import { seedDemoMarkets, seedReference } from '../../api/src/reference/seed.js';
import type { ApiTarget } from '../support/clients.js';
import { freePort } from '../support/free-port.js';

/**
 * Runs a step of a restart, saying on stderr which one if it takes over 10 s: a restart test that timed out
 * once in a full run (never alone) should say where it hung the next time.
 */
async function slowStep<T>(name: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const warn = setInterval(
    () => console.warn(`[restartable-app] ${name}: still running after ${Math.round((Date.now() - started) / 1000)} s`),
    10_000,
  );
  try {
    return await step();
  } finally {
    clearInterval(warn);
  }
}

/**
 * The real API on embedded PGlite kept in a folder on disk, so it can be stopped and started
 * again on the same port and data while browsers stay open. Usable wherever an ApiTarget is.
 */
export class RestartableApp implements ApiTarget {
  readonly backend = 'pglite' as const;
  #running: RunningApp | null = null;
  #database: Database | null = null;

  private constructor(
    readonly config: AppConfig,
    readonly url: string,
    private readonly dataDir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<RestartableApp> {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linggong-board-'));
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DEMO_DATA: '0',
      DATA_DIR: dataDir,
      // The default sweep (5 s), not the e2e suites' 0.5 s: with hundreds of open shifts a sweep
      // takes seconds on PGlite, and back-to-back sweeps would starve every request.
      PRESENCE_GRACE_S: '60',
      ...env,
    });
    const app = new RestartableApp(config, `http://127.0.0.1:${port}`, dataDir);
    await app.up();
    return app;
  }

  get running(): RunningApp {
    if (!this.#running) throw new Error('the API is down');
    return this.#running;
  }
  get app() {
    return this.running.app;
  }
  get database() {
    return this.running.database;
  }
  get log() {
    return this.running.log;
  }
  get isUp(): boolean {
    return this.#running !== null;
  }

  async up(): Promise<void> {
    if (this.#running) return;
    const database = await slowStep('opening the database', () => openDatabase({ dataDir: this.config.dataDir }));
    try {
      await seedReference(database.prisma);
      await seedDemoMarkets(database.prisma);
      this.#running = await slowStep('starting the app', () => createApp(this.config, { database }));
      this.#database = database;
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  async down(): Promise<void> {
    const running = this.#running;
    const database = this.#database;
    this.#running = null;
    this.#database = null;
    await slowStep('closing the app', async () => running?.close());
    await slowStep('closing the database', async () => database?.close());
  }

  close(): Promise<void> {
    return this.down();
  }

  async stop(): Promise<void> {
    await this.down();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
