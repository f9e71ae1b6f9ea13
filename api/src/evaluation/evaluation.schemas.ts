import { z } from 'zod';
import { PERIOD } from './period.js';

const RegionCode = z.string().regex(/^\d{6}$/, { error: '六位行政区划代码 / a six-digit region code' });
const Period = z.string().regex(PERIOD, { error: '期间为 YYYY-MM 或 YYYY-Qn / a period is YYYY-MM or YYYY-Qn' });
const Band = z.object({ pass: z.number().finite().min(0).max(100_000), fail: z.number().finite().min(0).max(100_000) }).strict();
const Rate = z.object({ pass: z.number().min(0).max(1), fail: z.number().min(0).max(1) }).strict();

export const ThresholdsSchema = z
  .object({ fillRate: Rate, timeToFillP50Min: Band, casesClosedInTimeRate: Rate, overdueCases: Band, servedPerStaff: Band })
  .partial()
  .strict();

export const RegionQuery = z.object({ regionCode: RegionCode }).strict();
export type RegionQueryInput = z.infer<typeof RegionQuery>;

export const PutThresholdsSchema = z.object({ regionCode: RegionCode, thresholds: ThresholdsSchema }).strict();
export type PutThresholdsInput = z.infer<typeof PutThresholdsSchema>;

export const RunSchema = z.object({ regionCode: RegionCode, period: Period }).strict();
export type RunInput = z.infer<typeof RunSchema>;

export const ListQuery = z.object({ regionCode: RegionCode, period: Period.optional() }).strict();
export type ListQueryInput = z.infer<typeof ListQuery>;

export const CoverageQuery = z
  .object({
    regionCode: RegionCode,
    month: z
      .string()
      .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份为 YYYY-MM / a month is YYYY-MM' })
      .optional(),
    radiusKm: z.coerce.number().min(0.5).max(50).default(3),
  })
  .strict();
export type CoverageQueryInput = z.infer<typeof CoverageQuery>;
