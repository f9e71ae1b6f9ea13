import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const running = await createApp(config);
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
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
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
