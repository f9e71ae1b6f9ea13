import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { BUS_KIND, DATABASE } from '../core.providers.js';
import type { Database } from '../database/database.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BUS_KIND) private readonly bus: 'memory' | 'redis',
  ) {}

  @Get()
  async health() {
    await this.db.prisma.$queryRaw`SELECT 1`;
    return { status: 'ok', db: this.db.kind, bus: this.bus, instance: this.config.instanceId };
  }
}
