import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { type Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';

export const LOAN_INCLUDE = { lendable: true } satisfies Prisma.LoanInclude;
export type LoanRow = Prisma.LoanGetPayload<{ include: typeof LOAN_INCLUDE }>;
export type LendableRow = Prisma.LendableGetPayload<object>;

/** The only code that touches Lendable and Loan. */
@Injectable()
export class LendingRepository {
  constructor(private readonly prisma: PrismaClient) {}

  createLendable(l: { marketId: string; kind: 'tool' | 'locker'; name: string; deposit: number }): Promise<LendableRow> {
    return this.prisma.lendable.create({ data: l });
  }

  findLendable(id: string): Promise<LendableRow | null> {
    return this.prisma.lendable.findUnique({ where: { id } });
  }

  lendables(marketId: string): Promise<LendableRow[]> {
    return this.prisma.lendable.findMany({ where: { marketId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  }

  /**
   * Lends the item: its `loanId` set only where it is still null, then the loan row, in one transaction.
   * Of concurrent lends one sets it; the others wait on the row, find it taken and fail with ITEM_OUT. The
   * claim comes before the insert: the loan's foreign key would otherwise share-lock the item first and
   * two lends would deadlock upgrading their locks.
   */
  async lend(l: { lendableId: string; marketId: string; workerId: string; lentBy: string; lentAt: Date; dueAt: Date }): Promise<LoanRow> {
    return this.prisma.$transaction(async (tx) => {
      const id = randomUUID();
      const { count } = await tx.lendable.updateMany({ where: { id: l.lendableId, loanId: null }, data: { loanId: id } });
      if (!count) throw new AppError('ITEM_OUT');
      const item = await tx.lendable.findUniqueOrThrow({ where: { id: l.lendableId } });
      return tx.loan.create({ data: { ...l, id, deposit: item.deposit }, include: LOAN_INCLUDE });
    }, TX_OPTIONS);
  }

  findLoan(id: string): Promise<LoanRow | null> {
    return this.prisma.loan.findUnique({ where: { id }, include: LOAN_INCLUDE });
  }

  /** Closes the loan once and frees the item; null when it was already returned. */
  async giveBack(id: string, r: { by: string; at: Date; depositRefunded: boolean }): Promise<LoanRow | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.loan.updateMany({
        where: { id, returnedAt: null },
        data: { returnedAt: r.at, returnedBy: r.by, depositRefunded: r.depositRefunded },
      });
      if (!count) return null;
      await tx.lendable.updateMany({ where: { loanId: id }, data: { loanId: null } });
      return tx.loan.findUnique({ where: { id }, include: LOAN_INCLUDE });
    }, TX_OPTIONS);
  }

  /** Loans still out at a market (only those past due at `overdueAt`), due first. */
  outstanding(where: { marketId?: string; workerId?: string; overdueAt?: Date }, limit = 500): Promise<LoanRow[]> {
    return this.prisma.loan.findMany({
      where: {
        returnedAt: null,
        ...(where.marketId ? { marketId: where.marketId } : {}),
        ...(where.workerId ? { workerId: where.workerId } : {}),
        ...(where.overdueAt ? { dueAt: { lt: where.overdueAt } } : {}),
      },
      orderBy: { dueAt: 'asc' },
      take: limit,
      include: LOAN_INCLUDE,
    });
  }

  /** Loans past due not yet marked overdue. */
  newlyOverdue(now: Date, limit = 500): Promise<LoanRow[]> {
    return this.prisma.loan.findMany({ where: { returnedAt: null, overdueAt: null, dueAt: { lt: now } }, take: limit, include: LOAN_INCLUDE });
  }

  /** Marks the loan overdue once; false when another instance did first or it came back meanwhile. */
  async markOverdue(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.loan.updateMany({ where: { id, returnedAt: null, overdueAt: null }, data: { overdueAt: at } });
    return count === 1;
  }

  async workerNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.workerProfile.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
