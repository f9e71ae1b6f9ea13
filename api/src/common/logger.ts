import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/config.js';

export const LOGGER = Symbol('LOGGER');

/** One JSON line per event; dispatch events carry shiftId, offerId and workerId so a hire can be followed. */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'instanceId'>): Logger {
  return pino({ level: config.logLevel, base: { instance: config.instanceId } });
}

/** Routes Nest's own messages into the same structured log. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
