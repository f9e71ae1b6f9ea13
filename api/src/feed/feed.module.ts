import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ShiftsModule } from '../shifts/shifts.module.js';
import { FeedKeysController } from './feed-keys.controller.js';
import { FeedKeysRepository } from './feed-keys.repository.js';
import { FeedKeysService } from './feed-keys.service.js';
import { FeedController } from './feed.controller.js';
import { FeedRepository } from './feed.repository.js';
import { FeedService } from './feed.service.js';
import { ShiftImportRepository } from './shift-import.repository.js';
import { ShiftImportService } from './shift-import.service.js';

/** The provincial platform feed (一库一平台): keys, the paged feeds of shifts and figures, the import of postings. */
@Module({
  imports: [DatabaseModule, AccessModule, ReferenceModule, ShiftsModule],
  controllers: [FeedKeysController, FeedController],
  providers: [FeedKeysRepository, FeedKeysService, FeedRepository, FeedService, ShiftImportRepository, ShiftImportService],
})
export class FeedModule {}
