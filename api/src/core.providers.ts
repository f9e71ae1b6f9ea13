import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccountsReader } from './auth/accounts.reader.js';
import { TokenService } from './auth/tokens.js';
import { BOARD_BUS } from './boards/board-bus.js';
import { WORKER_BUS } from './realtime/worker-bus.js';
import { LOGGER } from './common/logger.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import type { Database } from './database/database.js';
import { PrismaClient } from './database/prisma.js';
import { OFFER_CLOCK, TimerOfferClock } from './dispatch/offer-clock.js';
import { DomainEvents } from './events/domain-events.js';
import { Lifecycle } from './health/lifecycle.js';
import type { Infrastructure } from './infrastructure.js';
import { PRESENCE_STORE } from './presence/presence.store.js';
import { MarketsService } from './reference/markets.service.js';

export const DATABASE = Symbol('DATABASE');
export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');

export interface CoreDependencies {
  config: AppConfig;
  database: Database;
  log: Logger;
  infrastructure: Infrastructure;
}

/** Shared infrastructure: configuration, log, database, event bus, presence and the board bus. */
export function coreProviders({ config, database, log, infrastructure }: CoreDependencies): Provider[] {
  return [
    { provide: APP_CONFIG, useValue: config },
    { provide: LOGGER, useValue: log },
    { provide: DATABASE, useValue: database },
    { provide: PrismaClient, useValue: database.prisma },
    { provide: INFRASTRUCTURE, useValue: infrastructure },
    { provide: Lifecycle, useValue: new Lifecycle() },
    { provide: DomainEvents, useValue: new DomainEvents((err, event) => log.error({ err, event }, 'event handler failed')) },
    { provide: PRESENCE_STORE, useValue: infrastructure.presence },
    { provide: OFFER_CLOCK, useValue: new TimerOfferClock() },
    { provide: BOARD_BUS, useValue: infrastructure.boardBus },
    { provide: WORKER_BUS, useValue: infrastructure.workerBus },
    { provide: TokenService, useValue: new TokenService(config.authSecret, config.tokenTtlDays) },
    { provide: MarketsService, useFactory: (prisma: PrismaClient) => new MarketsService(prisma), inject: [PrismaClient] },
    {
      provide: AccountsReader,
      useFactory: (p: PrismaClient, t: TokenService) => new AccountsReader(p, t),
      inject: [PrismaClient, TokenService],
    },
  ];
}
