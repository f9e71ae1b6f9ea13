import type { ShiftCloseReason } from '@linggong/protocol';
import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { SHIFT_WITH_EMPLOYER, type ShiftRow } from '../common/shift-row.js';

@Injectable()
export class ShiftsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  find(id: string): Promise<ShiftRow | null> {
    return this.prisma.shift.findUnique({ where: { id }, include: SHIFT_WITH_EMPLOYER });
  }

  findMany(ids: string[]): Promise<ShiftRow[]> {
    return this.prisma.shift.findMany({ where: { id: { in: ids } }, include: SHIFT_WITH_EMPLOYER });
  }

  list(where: Prisma.ShiftWhereInput, limit: number): Promise<ShiftRow[]> {
    return this.prisma.shift.findMany({ where, include: SHIFT_WITH_EMPLOYER, orderBy: { createdAt: 'desc' }, take: limit });
  }

  /** Which of these shifts the account holds an offer (any state) or a hire for. */
  async heldBy(accountId: string, shiftIds: string[]): Promise<Set<string>> {
    if (!shiftIds.length) return new Set();
    const [offers, hires] = await Promise.all([
      this.prisma.offer.findMany({ where: { workerId: accountId, shiftId: { in: shiftIds } }, select: { shiftId: true } }),
      this.prisma.assignment.findMany({ where: { workerId: accountId, shiftId: { in: shiftIds } }, select: { shiftId: true } }),
    ]);
    return new Set([...offers, ...hires].map((r) => r.shiftId));
  }

  listOpen(): Promise<ShiftRow[]> {
    return this.prisma.shift.findMany({ where: { status: 'open' }, include: SHIFT_WITH_EMPLOYER, orderBy: { createdAt: 'desc' } });
  }

  /** Closes an open (or, for cancel, filled) shift; returns false when it was not in a closable state. */
  async close(id: string, reason: ShiftCloseReason, from: Array<'open' | 'filled'>): Promise<boolean> {
    const status = reason === 'cancelled' ? 'cancelled' : reason === 'expired' ? 'expired' : 'filled';
    const { count } = await this.prisma.shift.updateMany({
      where: { id, status: { in: from } },
      data: { status, closedReason: reason },
    });
    return count === 1;
  }

  /** Open shifts whose dispatch window has closed. */
  overdueOpenIds(now: Date): Promise<Array<{ id: string }>> {
    return this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Shift"
      WHERE status = 'open' AND LEAST("startsAt" + interval '2 hours', "endsAt") <= ${now}`;
  }
}
