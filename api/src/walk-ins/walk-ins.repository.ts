import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PriorityGroup } from '@linggong/protocol';
import { PrismaClient, type Prisma } from '../database/prisma.js';

/** An account that cannot sign in: sign-in takes 11-digit mainland numbers only, never this prefix. */
export const PLACEHOLDER_PREFIX = 'walkin:';
export const isPlaceholderPhone = (phone: string) => !/^1\d{10}$/.test(phone);

export interface WalkInRegistration {
  marketId: string;
  day: string;
  name: string;
  trades: string[];
  phone?: string;
  birthYear?: number;
  priority?: PriorityGroup;
  staffId: string;
  now: Date;
}

const WALK_IN_SELECT = {
  id: true,
  name: true,
  trades: true,
  birthYear: true,
  priority: true,
  priorityClaim: true,
  priorityVerifiedAt: true,
  assisted: true,
  homeMarketId: true,
  assistedTicket: true,
  assistedDay: true,
  account: { select: { phone: true } },
} satisfies Prisma.WorkerProfileSelect;

export type WalkInRow = Prisma.WorkerProfileGetPayload<{ select: typeof WALK_IN_SELECT }>;

/** Walk-in workers, their tickets and their offers, in PostgreSQL. */
@Injectable()
export class WalkInsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The account (by phone, or a placeholder that cannot sign in), the day's next ticket and the assisted
   * profile, in one transaction: a ticket is never burnt by a failed registration. The ticket is one atomic
   * upsert of the market's counter row, so two staff registering at once always get different numbers.
   */
  async register(r: WalkInRegistration): Promise<{ workerId: string; number: number }> {
    return this.prisma.$transaction(async (tx) => {
      const phone = r.phone ?? `${PLACEHOLDER_PREFIX}${randomUUID()}`;
      const account = await tx.account.upsert({ where: { phone }, create: { phone, roles: ['worker'] }, update: {} });
      if (!account.roles.includes('worker')) await tx.account.update({ where: { id: account.id }, data: { roles: { push: 'worker' } } });
      const [{ last }] = await tx.$queryRaw<Array<{ last: number }>>`
        INSERT INTO "WalkInTicket" ("marketId", day, last) VALUES (${r.marketId}, ${r.day}, 1)
        ON CONFLICT ("marketId", day) DO UPDATE SET last = "WalkInTicket".last + 1
        RETURNING last`;
      const verified =
        r.priority !== undefined
          ? { priority: r.priority, priorityClaim: r.priority, priorityVerifiedAt: r.now, priorityVerifiedBy: r.staffId }
          : {};
      const data = {
        name: r.name,
        trades: [...new Set(r.trades)],
        ...(r.birthYear !== undefined ? { birthYear: r.birthYear } : {}),
        ...verified,
        assisted: true,
        homeMarketId: r.marketId,
        assistedTicket: ticketOf(last),
        assistedDay: r.day,
      };
      await tx.workerProfile.upsert({ where: { id: account.id }, create: { id: account.id, ...data }, update: data });
      return { workerId: account.id, number: last };
    });
  }

  /** A new ticket for a walk-in back on another day. */
  async reissueTicket(workerId: string, marketId: string, day: string): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      const [{ last }] = await tx.$queryRaw<Array<{ last: number }>>`
        INSERT INTO "WalkInTicket" ("marketId", day, last) VALUES (${marketId}, ${day}, 1)
        ON CONFLICT ("marketId", day) DO UPDATE SET last = "WalkInTicket".last + 1
        RETURNING last`;
      const ticket = ticketOf(last);
      await tx.workerProfile.update({
        where: { id: workerId },
        data: { assistedTicket: ticket, assistedDay: day, homeMarketId: marketId },
      });
      return ticket;
    });
  }

  find(workerId: string): Promise<WalkInRow | null> {
    return this.prisma.workerProfile.findUnique({ where: { id: workerId }, select: WALK_IN_SELECT });
  }

  ofMarketOn(marketId: string, day: string): Promise<WalkInRow[]> {
    return this.prisma.workerProfile.findMany({
      where: { assisted: true, homeMarketId: marketId, assistedDay: day },
      select: WALK_IN_SELECT,
      orderBy: { assistedTicket: 'asc' },
    });
  }

  /** Every walk-in: the routing map of offers to staff is built from these at start. */
  allAssisted(): Promise<WalkInRow[]> {
    return this.prisma.workerProfile.findMany({ where: { assisted: true, homeMarketId: { not: null } }, select: WALK_IN_SELECT });
  }

  verifyPriority(workerId: string, priority: PriorityGroup, staffId: string, certificate: string | undefined, now: Date) {
    return this.prisma.workerProfile.update({
      where: { id: workerId },
      data: { priority, priorityVerifiedAt: now, priorityVerifiedBy: staffId, priorityCertificate: certificate ?? null },
      select: { id: true },
    });
  }

  /** An employer posting at the window: by phone if given, else one placeholder per market and name. */
  async employerAccount(marketId: string, name: string, phone?: string): Promise<{ id: string; hasProfile: boolean }> {
    const key = phone ?? `${PLACEHOLDER_PREFIX}employer:${marketId}:${name}`;
    const account = await this.prisma.account.upsert({
      where: { phone: key },
      create: { phone: key, roles: [] },
      update: {},
      select: { id: true, employer: { select: { id: true } } },
    });
    return { id: account.id, hasProfile: !!account.employer };
  }
}

export function ticketOf(n: number): string {
  return `A${String(n).padStart(3, '0')}`;
}
