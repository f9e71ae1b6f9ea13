import { z } from 'zod';

export const MonthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  // Months outside 2000–2099 have no data and fall outside what timestamps and Date.UTC handle alike.
  .refine((m) => m >= '2000-01' && m <= '2099-12', { error: '月份须在 2000-01 至 2099-12 之间 / a month from 2000-01 to 2099-12' });

export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: '日期无效 / not a calendar date',
  })
  .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { error: '日期须在 2000 至 2099 年之间 / a date from 2000 to 2099' });

export const RegionParam = z.string().regex(/^\d{6}$/);
export const MarketParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const DailyQuery = z.object({ date: DateParam.optional(), regionCode: RegionParam.optional(), marketId: MarketParam.optional() });
export const TrendsQuery = z.object({ month: MonthParam.optional(), regionCode: RegionParam.optional(), marketId: MarketParam.optional() });
export const MarketsQuery = z.object({ month: MonthParam.optional(), regionCode: RegionParam.optional() });
