import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE } from '../database/database.token.js';
import type { Database } from '../database/database.js';
import { RedisConnections } from '../redis/redis.connections.js';
import { Lifecycle } from './lifecycle.js';

const PING_TIMEOUT_MS = 2000;

function withTimeout(work: Promise<unknown>): Promise<boolean> {
  return Promise.race([work.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), PING_TIMEOUT_MS).unref())]).catch(
    () => false,
  );
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly redis: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get()
  @ApiOperation({ summary: '200 when the database and the shared bus answer; 503 while draining or when either does not' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [dbOk, busOk] = await Promise.all([withTimeout(this.db.prisma.$queryRaw`SELECT 1`), withTimeout(this.redis.ping())]);
    const status = this.lifecycle.draining ? 'draining' : dbOk && busOk ? 'ok' : 'degraded';
    if (status !== 'ok') res.status(503);
    return { status, db: this.db.kind, bus: this.redis.bus, instance: this.config.instanceId };
  }
}
