import { z } from 'zod';
import { LatLngSchema } from '../common/validation.js';

export const PresenceSchema = z
  .object({
    status: z.enum(['waiting', 'busy', 'offline']),
    location: LatLngSchema.optional(),
    marketId: z.string().min(1).max(64).optional(),
  })
  .strict();

export type PresenceInput = z.infer<typeof PresenceSchema>;
