import { CASE_KINDS, CASE_OUTCOME_TYPES } from '@linggong/protocol';
import { z } from 'zod';

const id = z.string().min(1).max(64);

export const OpenCaseSchema = z
  .object({
    kind: z.enum(CASE_KINDS),
    /** Optional about an assignment: then the shift's market, as for disputes. */
    marketId: id.optional(),
    description: z.string().trim().min(1).max(4000),
    assignmentId: id.optional(),
    contactPhone: z
      .string()
      .regex(/^[\d+\-\s]{5,20}$/)
      .optional(),
  })
  .strict();
export type OpenCaseInput = z.infer<typeof OpenCaseSchema>;

export const HandoverSchema = z.object({ toAccountId: id, reason: z.string().trim().min(1).max(500) }).strict();
export const CloseSchema = z.object({ outcome: z.string().trim().min(1).max(2000) }).strict();
export const NoteSchema = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export const OutcomeSchema = z.object({ type: z.enum(CASE_OUTCOME_TYPES), note: z.string().trim().min(1).max(2000).optional() }).strict();

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const CasesQuery = z
  .object({
    marketId: id.optional(),
    status: z.enum(['open', 'in_progress', 'closed']).optional(),
    overdue: flag.optional(),
    mine: flag.optional(),
  })
  .strict();
export type CasesQueryInput = z.infer<typeof CasesQuery>;
