import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  let config;
  try {
    // `npm start -- --demo` is DEMO_SIMULATION=1.
    config = loadConfig(process.argv.includes('--demo') ? { ...process.env, DEMO_SIMULATION: '1' } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // A parent that piped our output and went away: writing fails with EPIPE, which must neither crash the
  // process mid-shutdown nor stop it; pino already drops its own lines on EPIPE.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const running = await createApp(config);
  let stopping = false;
  let simulator: ChildProcess | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      simulator?.kill('SIGTERM');
      // The hard deadline: whatever a close still waits on (a connection, the database, a full pipe), the
      // process ends here. Not unref'd: it is the one thing that must still run.
      const deadlineS = config.shutdown.deadlineS;
      setTimeout(() => {
        running.log.error({ event: 'shutdown.deadline', deadlineS }, 'shutdown did not finish in time: exiting');
        running.log.flush(() => process.exit(1));
        setTimeout(() => process.exit(1), 200);
      }, deadlineS * 1000);
      running
        .shutdown()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          running.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    });
  }
  const base = running.url.replace('127.0.0.1', 'localhost');
  running.log.info({ db: running.database.kind, url: base }, 'listening');
  console.log(
    [
      '',
      `  零工快招 Linggong is running (${running.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
      `  Phone app / 手机端:      ${base}/m/`,
      `  Market boards / 大屏:    ${base}/board/`,
      `  API docs / 接口文档:     ${base}/api/docs`,
      `  Health:                  ${base}/api/health`,
      '',
    ].join('\n'),
  );
  // Demo: simulated workers and employers make the boards live (the @linggong/simulator workspace package,
  // built by `npm run build`; not installed in a production image, where the demo is refused anyway).
  if (config.demoSimulation) {
    const script = simulatorCli();
    if (!script) running.log.warn('DEMO_SIMULATION: the simulator package @linggong/simulator is not built (npm run build)');
    else {
      simulator = spawn(process.execPath, [script, '--demo', '--url', running.url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      simulator.on('exit', (code) => {
        if (!stopping) running.log.warn({ code }, 'the demo simulator stopped');
      });
      running.log.info({ pid: simulator.pid }, 'demo simulation started (the morning rush, looping)');
    }
  }
}

/** The simulator's built command line, resolved through the workspace package; undefined when absent or not built. */
function simulatorCli(): string | undefined {
  try {
    const script = fileURLToPath(import.meta.resolve('@linggong/simulator/cli'));
    return fs.existsSync(script) ? script : undefined;
  } catch {
    return undefined;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
