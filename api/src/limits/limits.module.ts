import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RedisModule } from '../redis/redis.module.js';
import { LimitsGuard } from './limits.guard.js';

/**
 * HTTP rate limits per address, per (phone, address) and per account. Its guard is global and runs after
 * the auth guard (this module is imported last), so the per-account limit knows the account.
 */
@Module({
  imports: [RedisModule],
  providers: [{ provide: APP_GUARD, useClass: LimitsGuard }],
})
export class LimitsModule {}
