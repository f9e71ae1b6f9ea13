import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EventsModule } from '../events/events.module.js';
import { StatsModule } from '../stats/stats.module.js';
import { PublicationController } from './publication.controller.js';
import { PublicationRepository } from './publication.repository.js';
import { PublicationService } from './publication.service.js';

/** Published months: an officer freezes a month's figures (versions), read back as JSON, CSV or a printable page. */
@Module({
  imports: [DatabaseModule, EventsModule, AccessModule, StatsModule],
  controllers: [PublicationController],
  providers: [PublicationRepository, PublicationService],
})
export class PublicationModule {}
