import { z } from 'zod';

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

export type WorkerProfileInput = z.infer<typeof WorkerProfileSchema>;
