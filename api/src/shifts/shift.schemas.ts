import { PHYSICAL_DEMANDS, WAGE_UNITS } from '@linggong/protocol';
import { z } from 'zod';
import { IdParam, LatLngSchema } from '../common/validation.js';

export { IdParam, LatLngSchema };

export const TermsSchema = z
  .object({
    transportProvided: z.boolean().default(false),
    mealsProvided: z.boolean().default(false),
    nightWork: z.boolean().default(false),
    physicalDemand: z.enum(PHYSICAL_DEMANDS as [string, ...string[]]).default('moderate'),
    olderFriendly: z.boolean().default(false),
  })
  .strict();

export const PostShiftSchema = z
  .object({
    title: z.string().trim().min(1).max(60),
    trade: z.string().min(1).max(40),
    headcount: z.number().int().min(1).max(200),
    wage: z.object({
      amount: z.number().positive().max(100_000).multipleOf(0.01),
      unit: z.enum(WAGE_UNITS as [string, ...string[]]),
    }),
    location: LatLngSchema,
    address: z.string().trim().min(1).max(200),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    marketId: z.string().min(1).max(64).optional(),
    description: z.string().trim().max(1000).optional(),
    terms: TermsSchema.default({
      transportProvided: false,
      mealsProvided: false,
      nightWork: false,
      physicalDemand: 'moderate',
      olderFriendly: false,
    }),
  })
  .strict();

export type PostShiftInput = z.infer<typeof PostShiftSchema>;

export const ListShiftsQuery = z.object({
  marketId: z.string().min(1).max(64).optional(),
  status: z.enum(['open', 'filled', 'cancelled', 'expired', 'completed']).optional(),
  mine: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

