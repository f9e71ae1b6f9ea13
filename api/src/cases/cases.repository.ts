import { Injectable } from '@nestjs/common';
import type { CaseKind, CaseOutcomeType } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { type Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';
import { toShiftView } from '../shifts/shift.mapper.js';

export const CASE_INCLUDE = { events: { orderBy: { n: 'asc' as const } } } satisfies Prisma.CaseInclude;
export type CaseRow = Prisma.CaseGetPayload<{ include: typeof CASE_INCLUDE }>;

export interface NewCase {
  kind: CaseKind;
  marketId: string;
  description: string;
  assignmentId: string | null;
  disputeId?: string;
  workerId: string | null;
  employerId: string | null;
  openedBy: string;
  openedByRole: 'worker' | 'employer' | 'staff';
  contactPhone: string | null;
  ownerId: string | null;
  timeLimitDays: number;
  dueAt: Date;
  evidence: Prisma.InputJsonValue | null;
  createdAt: Date;
}

export interface CaseFilter {
  marketId?: string;
  status?: 'open' | 'in_progress' | 'closed';
  overdueAt?: Date;
  /** Cases this account opened, is a party to, or owns. */
  involving?: string;
}

/** An assignment as a case needs it: its parties, its market, and the evidence it stood as. */
export interface AssignmentFacts {
  id: string;
  workerId: string;
  employerId: string;
  marketId: string | null;
  site: { lat: number; lng: number };
  evidence: Prisma.InputJsonValue;
}

export type Transition =
  | { kind: 'take'; by: string }
  | { kind: 'handover'; by: string; to: string; reason: string }
  | { kind: 'close'; by: string; outcome: string };

const NOT_CLOSED = { not: 'closed' } as const;

/** The only code that touches the Case and CaseEvent tables (and, for outcomes, the assignment they change). */
@Injectable()
export class CasesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(c: NewCase): Promise<CaseRow> {
    const events: Prisma.CaseEventCreateWithoutCaseInput[] = [{ at: c.createdAt, action: 'opened', by: c.openedBy }];
    if (c.ownerId) events.push({ at: c.createdAt, action: 'taken', by: c.ownerId });
    return this.prisma.case.create({
      data: { ...c, evidence: c.evidence ?? undefined, status: c.ownerId ? 'in_progress' : 'open', events: { create: events } },
      include: CASE_INCLUDE,
    });
  }

  find(id: string): Promise<CaseRow | null> {
    return this.prisma.case.findUnique({ where: { id }, include: CASE_INCLUDE });
  }

  findByDispute(disputeId: string): Promise<CaseRow | null> {
    return this.prisma.case.findUnique({ where: { disputeId }, include: CASE_INCLUDE });
  }

  list(filter: CaseFilter, limit = 200): Promise<CaseRow[]> {
    const where: Prisma.CaseWhereInput = {};
    if (filter.marketId) where.marketId = filter.marketId;
    if (filter.status) where.status = filter.status;
    if (filter.overdueAt) Object.assign(where, { dueAt: { lt: filter.overdueAt }, status: filter.status ?? NOT_CLOSED });
    if (filter.involving) {
      const id = filter.involving;
      where.OR = [{ openedBy: id }, { workerId: id }, { employerId: id }, { ownerId: id }];
    }
    return this.prisma.case.findMany({ where, include: CASE_INCLUDE, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: limit });
  }

  /**
   * take / handover / close as one conditional update each, so two staff taking at once leave exactly
   * one owner (the row lock orders them; the second sees ownerId set and matches nothing). Returns
   * false when the case was not in the state the transition needs.
   */
  async transition(id: string, t: Transition, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } =
        t.kind === 'take'
          ? await tx.case.updateMany({ where: { id, ownerId: null, status: NOT_CLOSED }, data: { ownerId: t.by, status: 'in_progress' } })
          : t.kind === 'handover'
            ? await tx.case.updateMany({ where: { id, ownerId: t.by, status: NOT_CLOSED }, data: { ownerId: t.to } })
            : await tx.case.updateMany({
                where: { id, ownerId: t.by, status: NOT_CLOSED },
                data: { status: 'closed', outcome: t.outcome, closedAt: at },
              });
      if (count !== 1) return false;
      const event: Prisma.CaseEventUncheckedCreateInput =
        t.kind === 'take'
          ? { caseId: id, at, action: 'taken', by: t.by }
          : t.kind === 'handover'
            ? { caseId: id, at, action: 'handed_over', by: t.by, toAccountId: t.to, note: t.reason }
            : { caseId: id, at, action: 'closed', by: t.by, outcome: t.outcome };
      await tx.caseEvent.create({ data: event });
      return true;
    }, TX_OPTIONS);
  }

  async note(id: string, by: string, note: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({ where: { id, status: NOT_CLOSED }, data: { updatedAt: at } });
      if (count !== 1) return false;
      await tx.caseEvent.create({ data: { caseId: id, at, action: 'noted', by, note } });
      return true;
    }, TX_OPTIONS);
  }

  /**
   * An outcome and the record it changes, in one transaction: a reversed no-show puts the hire back to
   * completed and the worker's counters back (one no-show less, one completed more); a paid wage marks
   * the hire paid. Throws ASSIGNMENT_NOT_ACTIVE when the hire is not in the state the outcome corrects.
   */
  async outcome(c: CaseRow, by: string, type: CaseOutcomeType, note: string | undefined, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({ where: { id: c.id, ownerId: by, status: NOT_CLOSED }, data: { updatedAt: at } });
      if (count !== 1) return false;
      if (type === 'no_show_reversed') {
        const reversed = await tx.assignment.updateMany({
          where: { id: c.assignmentId!, status: 'no_show' },
          data: { status: 'completed' },
        });
        if (reversed.count !== 1) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
        await tx.workerProfile.update({
          where: { id: c.workerId! },
          data: { noShowCount: { decrement: 1 }, completedCount: { increment: 1 } },
        });
      }
      if (type === 'wage_paid') await tx.assignment.update({ where: { id: c.assignmentId! }, data: { paidConfirmed: true } });
      await tx.caseEvent.create({ data: { caseId: c.id, at, action: 'outcome', by, outcome: type, note: note ?? null } });
      return true;
    }, TX_OPTIONS);
  }

  /** Marks every open case past its due time that no check has marked yet; each is returned once, to one instance. */
  async markOverdue(now: Date): Promise<Array<{ id: string; marketId: string; kind: CaseKind }>> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string; marketId: string; kind: CaseKind }>>`
        UPDATE "Case" SET "overdueAt" = ${now}, "updatedAt" = ${now}
        WHERE status <> 'closed' AND "dueAt" < ${now} AND "overdueAt" IS NULL
        RETURNING id, "marketId", kind::text AS kind`;
      if (rows.length) await tx.caseEvent.createMany({ data: rows.map((r) => ({ caseId: r.id, at: now, action: 'overdue', by: null })) });
      return rows;
    }, TX_OPTIONS);
  }

  /** Open disputes from POST /api/assignments/:id/dispute that have not become a case yet. */
  async disputesWithoutCase(limit = 100): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT d.id FROM "Dispute" d LEFT JOIN "Case" c ON c."disputeId" = d.id
      WHERE c.id IS NULL AND d.status = 'open' ORDER BY d."createdAt" LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  dispute(id: string) {
    return this.prisma.dispute.findUnique({ where: { id } });
  }

  /** The hire as evidence: the shift as posted, attendance, the agreed wage (no phone numbers). */
  async assignment(id: string): Promise<AssignmentFacts | null> {
    const a = await this.prisma.assignment.findUnique({
      where: { id },
      include: { shift: { include: { employer: { select: { name: true } } } } },
    });
    if (!a) return null;
    const stamp = (at: Date | null, lat: number | null, lng: number | null) =>
      at ? { at: at.toISOString(), location: lat !== null && lng !== null ? { lat, lng } : null } : null;
    return {
      id: a.id,
      workerId: a.workerId,
      employerId: a.shift.employerId,
      marketId: a.shift.marketId,
      site: { lat: a.shift.lat, lng: a.shift.lng },
      evidence: {
        assignmentId: a.id,
        shift: toShiftView(a.shift),
        wage: { amount: Number(a.wageAmount), unit: a.wageUnit },
        hiredAt: a.createdAt.toISOString(),
        checkIn: stamp(a.checkInAt, a.checkInLat, a.checkInLng),
        checkOut: stamp(a.checkOutAt, a.checkOutLat, a.checkOutLng),
        status: a.status,
        paidConfirmed: a.paidConfirmed,
      } as unknown as Prisma.InputJsonValue,
    };
  }
}
