import { Prisma, PrismaClient } from '../database/prisma.js';

/**
 * A figures query with room to sort and hash in memory (PostgreSQL's default 4 MB spills a province-month's
 * distinct seekers to disk), in its own short transaction so the setting ends with it.
 */
export async function figuresQuery<T>(prisma: PrismaClient, sql: Prisma.Sql): Promise<T> {
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL work_mem = '64MB'`, prisma.$queryRaw<T>(sql)]);
  return rows;
}
