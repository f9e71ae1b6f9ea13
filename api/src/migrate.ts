import { ConfigError, loadConfig } from './config/config.js';
import { openDatabase } from './database/database.js';
import { seedReference } from './reference/seed.js';

/** Applies pending migrations and reference data, then exits: the deploy's migration job. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await seedReference(database.prisma);
  await database.close();
  console.log(`migrations applied (${database.kind})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
