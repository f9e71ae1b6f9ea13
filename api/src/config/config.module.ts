import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { Database } from '../database/database.js';
import { APP_CONFIG, type AppConfig } from './config.js';

/** The opened database, as start-up hands it over (app.ts opens it before Nest, or a test gives its own). */
export const DATABASE = Symbol('DATABASE');

/**
 * What start-up hands to Nest: the configuration, the log and the opened database. Global, and the only
 * global module, because every module reads configuration and logs; it holds no services. The Prisma client
 * comes from DatabaseModule, imported explicitly by the modules that use it.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(start: { config: AppConfig; log: Logger; database: Database }): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: start.config },
        { provide: LOGGER, useValue: start.log },
        { provide: DATABASE, useValue: start.database },
      ],
      exports: [APP_CONFIG, LOGGER, DATABASE],
    };
  }
}
