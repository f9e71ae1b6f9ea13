import { Inject, Injectable } from '@nestjs/common';
import type { EmployerShift } from '@linggong/protocol';
import type { Logger } from 'pino';
import { regionCovers } from '../access/region-scope.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { MarketsService } from '../reference/markets.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import type { FeedKeyRow } from './feed-keys.repository.js';
import type { ImportShiftInput } from './feed.schemas.js';
import { ShiftImportRepository } from './shift-import.repository.js';

/**
 * Postings of another system, posted through the same path as any shift (dispatched, on boards and phones),
 * once per (source, externalId): a repeat answers 200 with the shift already made.
 */
@Injectable()
export class ShiftImportService {
  constructor(
    private readonly imports: ShiftImportRepository,
    private readonly shifts: ShiftsService,
    private readonly markets: MarketsService,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async import(key: FeedKeyRow, input: ImportShiftInput): Promise<{ status: number; body: EmployerShift }> {
    if (!key.canImport) throw new AppError('FORBIDDEN');
    const existing = await this.existing(input);
    if (existing) return existing;
    const { source, externalId, ...shift } = input;
    // The key's platform may post only into its own region (a shift's region is its market's).
    const market = shift.marketId ? await this.markets.find(shift.marketId) : this.markets.nearest(shift.location);
    if (shift.marketId && !market) throw fieldError('marketId', '没有这个市场', 'Unknown market');
    if (!regionCovers(key.regionCode, market?.regionCode)) throw new AppError('FORBIDDEN');
    try {
      const employerId = await this.imports.employerFor(source);
      const posted = await this.shifts.post(employerId, { ...shift, terms: DEFAULT_TERMS }, undefined, { source, externalId });
      this.log.info({ event: 'shift.imported', shiftId: posted.body.id, source, externalId, feedKeyId: key.id }, 'shift imported');
      return posted;
    } catch (error) {
      // Two imports of the same posting at once: the unique pair let one in, and the other fails however
      // its statement reports it (P2002 through Prisma, 23505 from a raw statement): it answers with the
      // shift the first one made. Any other failure stands.
      const raced = await this.existing(input);
      if (raced) return raced;
      throw error;
    }
  }

  private async existing(input: ImportShiftInput): Promise<{ status: number; body: EmployerShift } | null> {
    const row = await this.imports.bySource(input.source, input.externalId);
    return row ? { status: 200, body: await this.shifts.employerView(row) } : null;
  }
}

const DEFAULT_TERMS = {
  transportProvided: false,
  mealsProvided: false,
  nightWork: false,
  physicalDemand: 'moderate',
  olderFriendly: false,
};
