import { z } from 'zod';
import { WorkerProfileSchema } from '../accounts/account.schemas.js';
import { PhoneSchema } from '../auth/auth.schemas.js';
import { PostShiftSchema } from '../shifts/shift.schemas.js';

const MarketId = z.string().min(1).max(64);
const Priority = z.enum(['none', 'older', 'hard_to_employ']);

export const RegisterWalkInSchema = z
  .object({
    marketId: MarketId,
    name: WorkerProfileSchema.shape.name,
    trades: WorkerProfileSchema.shape.trades,
    phone: PhoneSchema.optional(),
    birthYear: WorkerProfileSchema.shape.birthYear,
    priority: Priority.optional(),
  })
  .strict();
export type RegisterWalkInInput = z.infer<typeof RegisterWalkInSchema>;

export const WalkInPresenceSchema = z.object({ status: z.enum(['waiting', 'offline']) }).strict();

export const ListWalkInsQuery = z.object({ marketId: MarketId, status: z.enum(['waiting', 'offline']).optional() });

export const MarketQuery = z.object({ marketId: MarketId });

export const VerifyPrioritySchema = z
  .object({
    priority: Priority,
    certificate: z.string().trim().min(1).max(100).optional(),
    /** For a worker who is not a walk-in: the market whose window verifies (else where they wait). */
    marketId: MarketId.optional(),
  })
  .strict();
export type VerifyPriorityInput = z.infer<typeof VerifyPrioritySchema>;

export const WorkerIdParam = z.object({ workerId: z.string().min(1).max(64) });

export const StaffShiftSchema = PostShiftSchema.extend({
  marketId: MarketId,
  employer: z
    .object({
      name: z.string().trim().min(1).max(80),
      phone: PhoneSchema.optional(),
      contactName: z.string().trim().min(1).max(40).optional(),
    })
    .strict(),
}).strict();
export type StaffShiftInput = z.infer<typeof StaffShiftSchema>;

export const SmsReplySchema = z.object({ phone: PhoneSchema, text: z.string().max(160) }).strict();
export const OutboxQuery = z.object({ phone: PhoneSchema.optional() });
