import { fieldError } from '../common/errors.js';

/**
 * A feed position, opaque to clients: the feed's name and the last `feedSeq` they saw. A cursor of one feed
 * is refused by the other, and anything not made here is a 400.
 */
export function encodeCursor(feed: 'shifts' | 'figures', seq: bigint): string {
  return Buffer.from(`${feed}:${seq}`).toString('base64url');
}

export function decodeCursor(feed: 'shifts' | 'figures', cursor: string | undefined): bigint {
  if (cursor === undefined || cursor === '') return 0n;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = text.match(/^(shifts|figures):(\d{1,18})$/);
  if (!match || match[1] !== feed) throw fieldError('cursor', '无效的游标', 'Invalid cursor');
  return BigInt(match[2]);
}
