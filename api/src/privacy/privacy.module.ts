import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PresenceModule } from '../presence/presence.module.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';
import { RetentionJob } from './retention.job.js';

/** PIPL: a worker's export and deletion, and the retention job (docs/privacy.md). */
@Module({
  imports: [DatabaseModule, AuthModule, OffersModule, PresenceModule],
  controllers: [PrivacyController],
  providers: [PrivacyRepository, PrivacyService, RetentionJob],
  exports: [RetentionJob],
})
export class PrivacyModule {}
