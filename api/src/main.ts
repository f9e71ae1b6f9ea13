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
  const running = await createApp(config);
  let stopping = false;
  let simulator: ChildProcess | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      simulator?.kill('SIGTERM');
      running
        .shutdown()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(error);
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
  // Demo: simulated workers and employers at normal speed make the boards live (test/sim, built by `npm run build`).
  if (config.demoSimulation) {
    const script = fileURLToPath(new URL('../../test/sim/dist/cli.js', import.meta.url));
    if (!fs.existsSync(script)) running.log.warn({ script }, 'DEMO_SIMULATION: the simulator is not built (npm run build)');
    else {
      simulator = spawn(process.execPath, [script, '--demo', '--url', running.url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      simulator.on('exit', (code) => {
        if (!stopping) running.log.warn({ code }, 'the demo simulator stopped');
      });
      running.log.info({ pid: simulator.pid }, 'demo simulation started (60 simulated workers, looping days)');
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
