import { z } from 'zod';
import { isChinaDate } from '../calendar/china-date.js';

const date = z.string().refine(isChinaDate, 'a date as YYYY-MM-DD (China time)');

export const LedgerQuery = z.object({ date: date.optional(), format: z.enum(['json', 'csv']).default('json') }).strict();
export const SummaryQuery = z.object({ date: date.optional() }).strict();
export const MarketParam = z.object({ id: z.string().min(1).max(64) });
