import { z } from 'zod';
import { LatLngSchema } from '../shifts/shift.schemas.js';

export const PhoneSchema = z.string().regex(/^1\d{10}$/, { error: '请输入 11 位手机号 / an 11-digit mainland mobile number' });

export const RequestCodeSchema = z.object({ phone: PhoneSchema }).strict();
export const LoginSchema = z.object({ phone: PhoneSchema, code: z.string().regex(/^\d{6}$/) }).strict();

export const WorkerProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    trades: z.array(z.string().min(1).max(40)).min(1).max(10),
    birthYear: z
      .number()
      .int()
      .min(1940)
      .max(new Date().getFullYear() - 16)
      .optional(),
    priority: z.enum(['none', 'older', 'hard_to_employ']).default('none'),
  })
  .strict();

export const EmployerProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    contactName: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const PresenceSchema = z
  .object({
    status: z.enum(['waiting', 'busy', 'offline']),
    location: LatLngSchema.optional(),
    marketId: z.string().min(1).max(64).optional(),
  })
  .strict();

export type WorkerProfileInput = z.infer<typeof WorkerProfileSchema>;
export type PresenceInput = z.infer<typeof PresenceSchema>;
