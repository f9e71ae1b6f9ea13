export { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Interactive transactions wait their turn under contention instead of failing after Prisma's 2 s default. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
