import { z } from 'zod';
import { isChinaDate } from '../calendar/china-date.js';

const id = z.string().min(1).max(64);
const instant = z.iso.datetime({ offset: true });

export const NewSlotSchema = z
  .object({
    startsAt: instant,
    endsAt: instant,
    counsellor: z.string().trim().min(1).max(100),
    capacity: z.number().int().min(1).max(200).optional(),
  })
  .strict()
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ['endsAt'], message: 'must be after startsAt' });
export type NewSlotInput = z.infer<typeof NewSlotSchema>;

/** A worker books for themselves with no body; staff book for a walk-in with `workerId`. */
export const BookSchema = z.object({ workerId: id.optional() }).strict().default({});
export type BookInput = z.infer<typeof BookSchema>;

export const OutcomeSchema = z
  .object({
    attended: z.boolean(),
    notes: z.string().trim().min(1).max(2000).optional(),
    referredTo: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type OutcomeInput = z.infer<typeof OutcomeSchema>;

export const DayQuery = z.object({ date: z.string().refine(isChinaDate, 'a date as YYYY-MM-DD (China time)').optional() }).strict();
