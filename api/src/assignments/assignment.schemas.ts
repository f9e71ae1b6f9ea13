import { z } from 'zod';
import { LatLngSchema } from '../common/validation.js';

export const AtSiteSchema = z.object({ location: LatLngSchema }).strict();
export const CancelSchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export const AttendanceSchema = z.object({ status: z.enum(['completed', 'no_show']) }).strict();
export const RatingSchema = z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(300).optional() }).strict();
export const PaidSchema = z.object({ paid: z.boolean() }).strict();
export const DisputeSchema = z.object({ description: z.string().trim().min(1).max(2000) }).strict();
export const AssignmentsQuery = z.object({ scope: z.enum(['upcoming', 'past', 'all']).default('all') });
