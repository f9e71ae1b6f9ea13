import { z } from 'zod';

const id = z.string().min(1).max(64);
const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const NewLendableSchema = z
  .object({
    kind: z.enum(['tool', 'locker']),
    name: z.string().trim().min(1).max(100),
    /** Yuan, two decimals at most. */
    deposit: z.number().min(0).max(100_000).multipleOf(0.01),
  })
  .strict();
export type NewLendableInput = z.infer<typeof NewLendableSchema>;

export const LendSchema = z.object({ workerId: id, dueAt: z.iso.datetime({ offset: true }) }).strict();
export type LendInput = z.infer<typeof LendSchema>;

export const ReturnSchema = z.object({ depositRefunded: z.boolean() }).strict();

export const LoansQuery = z.object({ overdue: flag.optional() }).strict();
