import { Injectable, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from './domain-events.js';

/** On shutdown, after the modules that publish have stopped their timers: handlers still running finish. */
@Injectable()
class DrainOnShutdown implements BeforeApplicationShutdown {
  constructor(private readonly events: DomainEvents) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.events.drain();
  }
}

/** The in-process domain event bus every module publishes to and subscribes on. */
@Module({
  providers: [
    {
      provide: DomainEvents,
      useFactory: (log: Logger) => new DomainEvents((err, event) => log.error({ err, event }, 'event handler failed')),
      inject: [LOGGER],
    },
    DrainOnShutdown,
  ],
  exports: [DomainEvents],
})
export class EventsModule {}

