import { WAGE_UNITS } from '@linggong/protocol';
import { z } from 'zod';
import { LatLngSchema } from '../common/validation.js';

const RegionCode = z.string().regex(/^\d{6}$/);

export const CreateFeedKeySchema = z
  .object({ name: z.string().trim().min(1).max(100), regionCode: RegionCode, canImport: z.boolean().default(false) })
  .strict();
export type CreateFeedKeyInput = z.infer<typeof CreateFeedKeySchema>;

export const ListFeedKeysQuery = z.object({ regionCode: RegionCode.optional() });

export const FeedPageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type FeedPageInput = z.infer<typeof FeedPageQuery>;

export const ImportShiftSchema = z
  .object({
    source: z.string().trim().min(1).max(64),
    externalId: z.string().trim().min(1).max(128),
    title: z.string().trim().min(1).max(60),
    trade: z.string().min(1).max(40),
    headcount: z.number().int().min(1).max(200),
    wage: z.object({ amount: z.number().positive().max(100_000).multipleOf(0.01), unit: z.enum(WAGE_UNITS as [string, ...string[]]) }),
    location: LatLngSchema,
    address: z.string().trim().min(1).max(200),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    marketId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type ImportShiftInput = z.infer<typeof ImportShiftSchema>;
