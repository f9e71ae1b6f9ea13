import type { Trade } from '@linggong/protocol';
import { TRADES } from './trades.data.js';

const BY_CODE = new Map(TRADES.map((t) => [t.code, t]));

export function tradeByCode(code: string): Trade | undefined {
  return BY_CODE.get(code);
}
