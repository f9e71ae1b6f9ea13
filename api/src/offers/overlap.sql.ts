import { Prisma } from '../database/prisma.js';

/**
 * The overlap rule, written once: a row of `table` (with "startsAt" and "endsAt") overlaps the given time
 * when each starts before the other ends; touching is not overlapping. Used where a worker's hires and
 * open offers are checked (choosing a wave, deciding a hire).
 */
export function overlapsSql(table: '"Assignment"' | 'a' | 's', startsAt: Date, endsAt: Date): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${table}."startsAt"`)} < ${endsAt} AND ${Prisma.raw(`${table}."endsAt"`)} > ${startsAt}`;
}
