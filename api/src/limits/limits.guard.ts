import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { isLoopback } from '../common/loopback.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RedisConnections } from '../redis/redis.connections.js';
import { LIMITED_AS, limitsOf, type Limit, type LimitedRequest, type LimitGroup } from './limits.js';

/**
 * The HTTP rate limits, counted with rate-limiter-flexible: in Redis when REDIS_URL is set (one count for
 * every instance), in memory otherwise. Over a limit: 429 RATE_LIMITED in the error shape with
 * `Retry-After`. RATE_LIMIT_EXEMPT addresses (test suites and benchmarks on this machine) pass. A Redis
 * failure lets the request through: the limits protect the service, they must not take it down. HTTP only:
 * socket events have their own budget.
 */
@Injectable()
export class LimitsGuard implements CanActivate {
  private readonly limiters: Array<{ limit: Limit; limiter: RateLimiterAbstract }>;
  private readonly exempt: string[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    redis: RedisConnections,
    private readonly reflector: Reflector,
    @Inject(LOGGER) private readonly log: Logger,
  ) {
    this.exempt = config.limits.exempt;
    this.limiters = limitsOf(config.limits).map((limit) => {
      const options = { points: limit.points, duration: limit.durationS };
      const limiter = redis.enabled
        ? new RateLimiterRedis({ ...options, storeClient: redis.commands, keyPrefix: `${redis.prefix}rl:${limit.name}` })
        : new RateLimiterMemory({ ...options, keyPrefix: limit.name });
      return { limit, limiter };
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket events have their own budget (api/src/realtime/socket-limits.ts).
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    if (this.isExempt(request.ip ?? '')) return true;
    const group = this.reflector.get<LimitGroup | undefined>(LIMITED_AS, context.getHandler());
    for (const { limit, limiter } of this.limiters) {
      const key = limit.keyOf(request, group);
      if (key !== undefined) await this.consume(limiter, limit.name, key);
    }
    return true;
  }

  private async consume(limiter: RateLimiterAbstract, name: string, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimited(error.msBeforeNext);
      this.log.warn({ err: (error as Error)?.message, limit: name }, 'rate limit store unavailable: request let through');
    }
  }

  private isExempt(address: string): boolean {
    return this.exempt.some((e) => (e === 'loopback' ? isLoopback(address) : e === address));
  }
}
