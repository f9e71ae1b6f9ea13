import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import type { Database } from '../database/database.js';
import { DATABASE } from '../database/database.token.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * The configuration and logging module: what start-up hands to Nest (the configuration, the log and the
 * opened database's handle). Global, and the only global module, because every module reads configuration
 * and logs; it holds no services. The Prisma client comes from DatabaseModule, imported explicitly.
 * (Its own folder: config/ and common/ are below it, and it imports both.)
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(start: { config: AppConfig; log: Logger; database: Database }): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: start.config },
        { provide: LOGGER, useValue: start.log },
        { provide: DATABASE, useValue: start.database },
      ],
      exports: [APP_CONFIG, LOGGER, DATABASE],
    };
  }
}
