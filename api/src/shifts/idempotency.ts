import { createHash } from 'node:crypto';
import { AppError } from '../common/errors.js';
import { PrismaClient, TX_OPTIONS, type Prisma } from '../database/prisma.js';

export interface StoredResponse<T> {
  status: number;
  body: T;
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/**
 * Runs `create` at most once per (account, scope, key), in the same transaction as the record
 * of its response; a retry, on any instance, gets the first response back.
 */
export async function once<T extends object>(
  prisma: PrismaClient,
  id: { accountId: string; scope: string; key: string },
  request: unknown,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  const requestHash = hashOf(request);
  const existing = await replay<T>(prisma, id, requestHash);
  if (existing) return existing;
  try {
    const body = await prisma.$transaction(async (tx) => {
      await tx.idempotencyRecord.create({ data: { ...id, requestHash } });
      const created = await create(tx);
      await tx.idempotencyRecord.update({
        where: { accountId_scope_key: id },
        data: { status: 201, response: created as Prisma.InputJsonValue },
      });
      return created;
    }, TX_OPTIONS);
    return { status: 201, body, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await replay<T>(prisma, id, requestHash);
    if (raced) return raced;
    throw error;
  }
}

async function replay<T>(
  prisma: PrismaClient,
  id: { accountId: string; scope: string; key: string },
  requestHash: string,
): Promise<(StoredResponse<T> & { replayed: boolean }) | undefined> {
  const record = await prisma.idempotencyRecord.findUnique({ where: { accountId_scope_key: id } });
  if (!record || record.status === null) return undefined;
  if (record.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { status: record.status, body: record.response as T, replayed: true };
}
