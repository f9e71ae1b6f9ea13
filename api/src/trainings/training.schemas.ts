import { TRAINING_MARKS } from '@linggong/protocol';
import { z } from 'zod';
import { REGION_CODE } from '../access/region-scope.js';
import { tradeByCode } from '../reference/trades.js';

const id = z.string().min(1).max(64);
const trade = z
  .string()
  .min(1)
  .max(40)
  .refine((t) => !!tradeByCode(t), { message: 'unknown trade' });
const trades = z.array(trade).min(1).max(10);
const regionCode = z.string().regex(REGION_CODE);
const money = z.number().min(0).max(1_000_000);

export const PublishTrainingSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    provider: z.string().trim().min(1).max(100),
    trades,
    regionCode,
    marketId: id.optional(),
    address: z.string().trim().min(1).max(200),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    fee: money,
    subsidy: money.optional(),
    seats: z.number().int().min(1).max(10_000),
  })
  .strict()
  .refine((t) => Date.parse(t.endsAt) > Date.parse(t.startsAt), { path: ['endsAt'], message: 'endsAt must be after startsAt' })
  .refine((t) => Date.parse(t.startsAt) > Date.now(), { path: ['startsAt'], message: 'startsAt must be in the future' });
export type PublishTrainingInput = z.infer<typeof PublishTrainingSchema>;

export const TrainingsQuery = z
  .object({
    trade: trade.optional(),
    regionCode: regionCode.optional(),
    /** Extension: a market's trainings (its own, and those of its region without a market), as its board shows them. */
    marketId: id.optional(),
  })
  .strict();
export type TrainingsQueryInput = z.infer<typeof TrainingsQuery>;

export const MarkSchema = z.object({ status: z.enum(TRAINING_MARKS), addTrades: z.boolean().optional() }).strict();
export const SignupParams = z.object({ id, workerId: id });

export const DemandSchema = z
  .object({
    trades,
    note: z.string().trim().max(500).optional(),
    /** Extension: the worker's region when their profile has none yet (they never waited at a market). */
    regionCode: regionCode.optional(),
  })
  .strict();
export type DemandInput = z.infer<typeof DemandSchema>;

export const DemandSummaryQuery = z.object({ regionCode: regionCode.optional() }).strict();
