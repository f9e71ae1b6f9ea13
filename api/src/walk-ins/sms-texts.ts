import type { OfferPayload } from '@linggong/protocol';
import { tradeByCode } from '../reference/trades.js';

const UNIT: Record<string, string> = { day: '天', hour: '小时', piece: '件' };
const china = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace(/^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2}).*$/, '$1月$2日 $3');

/** The offer as a basic phone shows it: short, the wage and the place first, and how to answer. */
export function offerSms(ticket: string, o: OfferPayload): string {
  const s = o.shift;
  const trade = tradeByCode(s.trade)?.name ?? s.trade;
  return (
    `【零工快招】${ticket}号：${trade}「${s.title}」，${s.wage.amount}元/${UNIT[s.wage.unit] ?? s.wage.unit}，` +
    `${s.address}，${china(s.startsAt)}-${china(s.endsAt).slice(-5)}。回复1接受，回复2不去。`
  );
}

export const hiredSms = (title: string) => `【零工快招】已为您接下「${title}」，请按时到场。`;
export const declinedSms = (title: string) => `【零工快招】已为您回绝「${title}」。`;
