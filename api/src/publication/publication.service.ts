import { Inject, Injectable } from '@nestjs/common';
import type { PublishedMonth } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { FiguresService } from '../stats/figures.service.js';
import { PublishedMonthsRepository, type PublishedMonthRow } from '../stats/published-months.repository.js';
import { PublicationRepository } from './publication.repository.js';
import type { PublishInput } from './publication.schemas.js';

/** 发布: an officer (or admin) of a region freezes a month's figures; a correction is the next version. */
@Injectable()
export class PublicationService {
  constructor(
    private readonly access: AccessService,
    private readonly figures: FiguresService,
    private readonly publications: PublicationRepository,
    private readonly published: PublishedMonthsRepository,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async publish(accountId: string, input: PublishInput): Promise<PublishedMonth> {
    await this.access.assertRegion(accountId, input.regionCode, ['officer', 'admin']);
    // Exactly what GET /api/stats/monthly answers now (issue #18's richer figures), stored as that JSON.
    const figures = await this.figures.month(input.month, { regionCode: input.regionCode });
    const row = await this.publications.append(figures, input.regionCode, accountId);
    this.log.info(
      { event: 'figures.published', month: row.month, regionCode: row.regionCode, version: row.version, accountId },
      'figures published',
    );
    this.events.publish('figures.published', { month: row.month, regionCode: row.regionCode, version: row.version, actorId: accountId });
    return { month: row.month, regionCode: row.regionCode, version: row.version, publishedAt: row.publishedAt.toISOString() };
  }

  /** The going rate a phone shows: the region's latest publication, whatever its month. */
  latest(regionCode: string): Promise<PublishedMonthRow | null> {
    return this.published.latest(regionCode);
  }

  async find(month: string, regionCode: string, version?: number): Promise<PublishedMonthRow> {
    const row = await this.published.find(month, regionCode, version);
    if (!row) throw new AppError('NOT_PUBLISHED');
    return row;
  }
}
