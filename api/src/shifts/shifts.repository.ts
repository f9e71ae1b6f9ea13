import type { ShiftCloseReason } from '@linggong/protocol';
import { Prisma, PrismaClient } from '../database/prisma.js';
import { SHIFT_WITH_EMPLOYER } from '../dispatch/offers.repository.js';
import type { ShiftRow } from './shift.mapper.js';

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

  /**
   * Shifts closed before `closedBefore` that still have open offers: whoever closed them stopped before
   * withdrawing. Found from the open offers (few), not the closed shifts (every shift ever).
   */
  closedWithOpenOffers(closedBefore: Date, limit: number): Promise<Array<{ id: string; reason: ShiftCloseReason }>> {
    return this.prisma.$queryRaw<Array<{ id: string; reason: ShiftCloseReason }>>`
      SELECT DISTINCT s.id, CASE s.status WHEN 'cancelled' THEN 'cancelled' WHEN 'expired' THEN 'expired' ELSE 'filled' END AS reason
      FROM "Offer" o JOIN "Shift" s ON s.id = o."shiftId"
      WHERE o.status = 'open' AND s.status <> 'open' AND s."updatedAt" < ${closedBefore}
      LIMIT ${limit}`;
  }

  /** Open shifts with fewer open offers than remaining slots × fan-out: they want another wave. */
  wantingOffersIds(fanout: number, trades?: string[]): Promise<Array<{ id: string }>> {
    const tradeFilter = trades ? Prisma.sql`AND s.trade = ANY(${trades})` : Prisma.empty;
    return this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT s.id FROM "Shift" s
      LEFT JOIN "Offer" o ON o."shiftId" = s.id AND o.status = 'open'
      WHERE s.status = 'open' ${tradeFilter}
      GROUP BY s.id
      HAVING count(o.id) < ceil((s.headcount - s.filled) * ${fanout}::float)`;
  }
}
