import { Injectable } from '@nestjs/common';
import type { FeedPage, FeedShiftVersion, PublishedFigures } from '@linggong/protocol';
import { regionPrefix } from '../access/region-scope.js';
import { TRADES } from '../reference/trades.data.js';
import { toPublishedFigures } from '../stats/published-figures.js';
import { decodeCursor, encodeCursor } from './feed-cursor.js';
import type { FeedKeyRow } from './feed-keys.repository.js';
import { FeedRepository, type ShiftVersionRow } from './feed.repository.js';

const INDUSTRY_OF = new Map(TRADES.map((t) => [t.code, t.industry]));

/**
 * The provincial platform's feeds (一库一平台): every version of every shift of the key's region, and every
 * publication of its months, each in one order that a client pages through with a cursor.
 */
@Injectable()
export class FeedService {
  constructor(private readonly feed: FeedRepository) {}

  async shifts(key: FeedKeyRow, cursor: string | undefined, limit: number): Promise<FeedPage<FeedShiftVersion>> {
    const after = decodeCursor('shifts', cursor);
    await this.feed.sequenceShiftVersions();
    const rows = await this.feed.shiftVersions(after, regionPrefix(key.regionCode), limit);
    return { items: rows.map(toFeedShift), nextCursor: encodeCursor('shifts', rows.at(-1)?.feedSeq ?? after) };
  }

  async figures(key: FeedKeyRow, cursor: string | undefined, limit: number): Promise<FeedPage<PublishedFigures>> {
    const after = decodeCursor('figures', cursor);
    const rows = await this.feed.publishedMonths(after, regionPrefix(key.regionCode), limit);
    return { items: rows.map(toPublishedFigures), nextCursor: encodeCursor('figures', rows.at(-1)?.feedSeq ?? after) };
  }
}

/** Field by field: a shift's public terms and counts, never its employer, address or anyone's name. */
function toFeedShift(v: ShiftVersionRow): FeedShiftVersion {
  return {
    id: v.shiftId,
    version: v.version,
    regionCode: v.regionCode!,
    marketId: v.marketId,
    trade: v.trade,
    industry: INDUSTRY_OF.get(v.trade) ?? '',
    headcount: v.headcount,
    filled: v.filled,
    wage: { amount: Number(v.wageAmount), unit: v.wageUnit },
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    status: v.status,
    updatedAt: v.updatedAt.toISOString(),
  };
}
