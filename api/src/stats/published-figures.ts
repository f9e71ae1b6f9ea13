import type { PublishedFigures } from '@linggong/protocol';
import type { PublishedMonthRow } from './published-months.repository.js';

/** The figures exactly as frozen, then which publication they are. */
export function toPublishedFigures(row: PublishedMonthRow): PublishedFigures {
  return { ...row.figures, month: row.month, regionCode: row.regionCode, version: row.version, publishedAt: row.publishedAt.toISOString() };
}
