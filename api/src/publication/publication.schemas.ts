import { z } from 'zod';

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .refine((m) => m >= '2000-01' && m <= '2099-12', { error: '月份须在 2000-01 至 2099-12 之间 / a month from 2000-01 to 2099-12' });
const RegionCode = z.string().regex(/^\d{6}$/);

export const PublishSchema = z.object({ month: Month, regionCode: RegionCode }).strict();
export type PublishInput = z.infer<typeof PublishSchema>;

export const PrintQuery = z.object({
  month: Month,
  regionCode: RegionCode,
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export type PrintQueryInput = z.infer<typeof PrintQuery>;

export const LatestQuery = z.object({ regionCode: RegionCode });
export type LatestQueryInput = z.infer<typeof LatestQuery>;
