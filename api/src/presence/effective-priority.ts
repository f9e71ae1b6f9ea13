import type { PriorityGroup } from '@linggong/protocol';
import { chinaDate } from '../stats/month.js';

export interface PriorityFields {
  /** The group as staff verified it (or entered it at the window): the only one that counts as stated. */
  priority: PriorityGroup;
  priorityVerifiedAt: Date | null;
  priorityClaim?: PriorityGroup | null;
  birthYear: number | null;
}

/** Age in the current China-time year, from a birth year. */
export function ageIn(birthYear: number, now: Date): number {
  return Number(chinaDate(now).slice(0, 4)) - birthYear;
}

/**
 * The priority group ranking uses. A group counts once staff verified it; `older` also follows from the
 * birth year alone (age is not a claim that needs a certificate). What a worker declared on the phone
 * without verification counts for nothing, so a self-declared `hard_to_employ` cannot jump the queue.
 */
export function effectivePriority(w: PriorityFields, now: Date, olderAge: number): PriorityGroup {
  if (w.priority !== 'none' && w.priorityVerifiedAt) return w.priority;
  if (w.birthYear !== null && ageIn(w.birthYear, now) >= olderAge) return 'older';
  return 'none';
}

/** The group shown to people: the verified one, else what the worker claimed. */
export function statedPriority(w: PriorityFields): { priority: PriorityGroup; priorityVerified: boolean } {
  if (w.priorityVerifiedAt) return { priority: w.priority, priorityVerified: true };
  return { priority: w.priorityClaim ?? 'none', priorityVerified: false };
}
