import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module.js';
import { HealthController } from './health.controller.js';
import { Lifecycle } from './lifecycle.js';

/** GET /api/health for load balancers, and the draining flag shutdown sets. */
@Module({ imports: [RedisModule], controllers: [HealthController], providers: [Lifecycle], exports: [Lifecycle] })
export class HealthModule {}
