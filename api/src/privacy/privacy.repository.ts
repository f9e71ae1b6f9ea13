import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaClient, TX_OPTIONS } from '../database/prisma.js';

/** The Prisma statements of a worker's export and deletion, and of the retention job. */
@Injectable()
export class PrivacyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async exportOf(workerId: string) {
    const [account, profile, assignments, offers, cases, ledger] = await Promise.all([
      this.prisma.account.findUnique({ where: { id: workerId }, select: { id: true, phone: true, roles: true, createdAt: true } }),
      this.prisma.workerProfile.findUnique({ where: { id: workerId } }),
      this.prisma.assignment.findMany({
        where: { workerId },
        orderBy: { createdAt: 'asc' },
        include: { shift: { select: { title: true, trade: true, address: true, employer: { select: { name: true } } } }, disputes: { where: { openedBy: workerId } } },
      }),
      this.prisma.offer.findMany({
        where: { workerId },
        orderBy: { createdAt: 'asc' },
        select: { id: true, shiftId: true, status: true, closedReason: true, distanceKm: true, reasons: true, createdAt: true, respondedAt: true },
      }),
      this.prisma.case.findMany({
        where: { OR: [{ workerId }, { openedBy: workerId }] },
        orderBy: { createdAt: 'asc' },
        include: { events: { orderBy: { at: 'asc' }, select: { action: true, at: true, note: true } } },
      }),
      this.prisma.ledgerEntry.findMany({
        where: { OR: [{ actor: workerId }, { subject: workerId }, { data: { contains: workerId } }] },
        orderBy: [{ marketId: 'asc' }, { seq: 'asc' }],
        select: { seq: true, at: true, type: true, marketId: true },
      }),
    ]);
    return { account, profile, assignments, offers, cases, ledger };
  }

  upcomingHires(workerId: string, now: Date): Promise<number> {
    return this.prisma.assignment.count({ where: { workerId, status: 'hired', endsAt: { gt: now } } });
  }

  openOfferIds(workerId: string): Promise<string[]> {
    return this.prisma.offer.findMany({ where: { workerId, status: 'open' }, select: { id: true } }).then((rows) => rows.map((r) => r.id));
  }

  /**
   * Name, phone, birth year, certificate and positions go; the hires, ratings and counts stay, under a
   * pseudonym, for the employers' and the work log's records. Every token of the account stops working.
   */
  async anonymise(workerId: string, pseudonym: string, now: Date): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { phone } = await tx.account.findUniqueOrThrow({ where: { id: workerId }, select: { phone: true } });
      await tx.loginCode.deleteMany({ where: { phone } });
      await tx.loginFailure.deleteMany({ where: { phone } });
      await tx.account.update({
        where: { id: workerId },
        data: { phone: `deleted:${randomUUID()}`, roles: [], deletedAt: now, tokenGeneration: { increment: 1 } },
      });
      await tx.workerProfile.update({
        where: { id: workerId },
        data: { name: pseudonym, birthYear: null, priorityClaim: null, priorityCertificate: null, assistedTicket: null },
      });
      await tx.assignment.updateMany({
        where: { workerId },
        data: { checkInLat: null, checkInLng: null, checkOutLat: null, checkOutLng: null, workerComment: null, employerComment: null },
      });
      await tx.case.updateMany({ where: { openedBy: workerId }, data: { contactPhone: null } });
      // The days stay for the monthly figures; where they were waited goes with the account.
      await tx.waitingDay.updateMany({ where: { workerId }, data: { lat: null, lng: null } });
    }, TX_OPTIONS);
  }

  /** Check-in and check-out positions older than `before` are erased; the times stay. */
  async eraseOldPositions(before: Date): Promise<number> {
    const a = await this.prisma.assignment.updateMany({
      where: { checkInAt: { lt: before }, OR: [{ checkInLat: { not: null } }, { checkOutLat: { not: null } }] },
      data: { checkInLat: null, checkInLng: null, checkOutLat: null, checkOutLng: null },
    });
    return a.count;
  }

  /** Revoked tokens past their expiry are refused by the expiry alone. */
  async dropExpiredRevocations(now: Date): Promise<number> {
    return (await this.prisma.revokedToken.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  }

  /** Login codes and wrong-guess records are kept a day (the limits read the last hour). */
  async dropOldLoginCodes(before: Date): Promise<number> {
    const failures = await this.prisma.loginFailure.deleteMany({ where: { at: { lt: before } } });
    return (await this.prisma.loginCode.deleteMany({ where: { createdAt: { lt: before } } })).count + failures.count;
  }
}
