import { Inject, Injectable } from '@nestjs/common';
import type { EmployerAttendance, LatLng } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { type Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';
import { DomainEvents } from '../events/domain-events.js';
import { checkInOpen, isLateCancel, withinSite } from './assignment.rules.js';
import { hireForAttendance, settleHire } from './attendance.query.js';
import { ASSIGNMENT_INCLUDE, toDisputeView, toEmployerAttendance, toWorkerAssignment, type AssignmentRow } from './assignment.view.js';
import { distanceKm } from '../common/geo.js';

type Party = 'worker' | 'employer';

/** A filled shift whose every hire has been settled (completed or no-show) is completed. */
async function completeShiftIfDone(tx: Prisma.TransactionClient, shiftId: string): Promise<void> {
  const open = await tx.assignment.count({ where: { shiftId, status: 'hired' } });
  if (open === 0) await tx.shift.updateMany({ where: { id: shiftId, status: 'filled' }, data: { status: 'completed' } });
}

/** What happens to a hire after the race: on site, done, cancelled, rated, paid, disputed. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async listForWorker(workerId: string, scope: 'upcoming' | 'past' | 'all') {
    const now = new Date();
    const where: Prisma.AssignmentWhereInput = { workerId };
    if (scope === 'upcoming') Object.assign(where, { status: 'hired', endsAt: { gt: now } });
    if (scope === 'past') where.OR = [{ status: { not: 'hired' } }, { endsAt: { lte: now } }];
    const rows = await this.prisma.assignment.findMany({
      where,
      include: ASSIGNMENT_INCLUDE,
      orderBy: { startsAt: scope === 'past' ? 'desc' : 'asc' },
      take: 200,
    });
    return rows.map((a) => toWorkerAssignment(a, this.config.checkInRadiusM));
  }

  async checkIn(workerId: string, id: string, location: LatLng) {
    const a = await this.owned(id, workerId, 'worker');
    if (a.status !== 'hired') throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    if (!checkInOpen(a.startsAt, a.endsAt, new Date())) throw new AppError('OUTSIDE_SHIFT_TIME');
    this.onSite(a, location);
    const data = a.checkInAt ? {} : { checkInAt: new Date(), checkInLat: location.lat, checkInLng: location.lng };
    return this.saved(id, data, 'assignment.checked_in');
  }

  async checkOut(workerId: string, id: string, location: LatLng) {
    const a = await this.owned(id, workerId, 'worker');
    if (a.status !== 'hired' || !a.checkInAt) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    if (a.startsAt > new Date()) throw new AppError('OUTSIDE_SHIFT_TIME');
    this.onSite(a, location);
    await this.complete(a, { checkOutAt: new Date(), checkOutLat: location.lat, checkOutLng: location.lng });
    return this.view(id);
  }

  /** Frees the slot and dispatches it again; within two hours of the start it counts as a late cancel. */
  async cancelByWorker(workerId: string, id: string, reason: string) {
    const a = await this.owned(id, workerId, 'worker');
    if (a.checkInAt) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    const now = new Date();
    const late = isLateCancel(a.startsAt, now);
    const reopened = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.assignment.updateMany({
        where: { id, status: 'hired' },
        data: { status: 'cancelled', cancelledAt: now, cancelReason: reason, lateCancel: late },
      });
      if (count !== 1) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
      if (late) await tx.workerProfile.update({ where: { id: workerId }, data: { lateCancelCount: { increment: 1 } } });
      const rows = await tx.$queryRaw<Array<{ reopened: boolean }>>`
        UPDATE "Shift" SET filled = filled - 1, "updatedAt" = ${now},
          status = CASE WHEN status = 'filled' THEN 'open'::"ShiftStatus" ELSE status END,
          "closedReason" = CASE WHEN status = 'filled' THEN NULL ELSE "closedReason" END
        WHERE id = ${a.shiftId} AND status IN ('open', 'filled')
        RETURNING (status = 'open') AS reopened`;
      return rows[0]?.reopened ?? false;
    }, TX_OPTIONS);
    this.log.info({ event: 'assignment.cancelled_by_worker', assignmentId: id, workerId, shiftId: a.shiftId, late }, 'worker cancelled');
    if (reopened && a.shift.status === 'filled') this.events.publish('shift.opened', { shiftId: a.shiftId });
    else this.events.publish('shift.changed', { shiftId: a.shiftId });
    // Dispatch sends a wave for a reopened slot; the worker's own phone has this answer, nothing is pushed to it.
    this.events.publish('assignment.cancelled', { assignmentId: id, shiftId: a.shiftId, workerId, reason, byWorker: true, reopened });
    return { assignment: await this.view(id), late };
  }

  async attendance(employerId: string, id: string, status: 'completed' | 'no_show', retried = false): Promise<EmployerAttendance> {
    const a = await hireForAttendance(this.prisma, id);
    if (!a) throw new AppError('NOT_FOUND');
    if (this.partyOf(a, employerId) !== 'employer') throw new AppError('FORBIDDEN');
    if (a.startsAt > new Date()) throw new AppError('OUTSIDE_SHIFT_TIME');
    if (a.status === status) return toEmployerAttendance(a, this.config.checkInRadiusM);
    if (a.status !== 'hired') throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    // A check-in is only accepted within the site's radius: the worker came. A wrong check-in is a case for staff.
    if (status === 'no_show' && a.checkInAt) throw new AppError('CHECKED_IN_ON_SITE');
    const { settled, shiftCompleted } = await settleHire(this.prisma, id, status, new Date());
    // Changed since it was read (the worker checked in or cancelled): answer as the rules say for the new state.
    if (!settled) {
      if (retried) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
      return this.attendance(employerId, id, status, true);
    }
    const event = status === 'completed' ? 'assignment.completed' : 'assignment.no_show';
    this.log.info({ event, assignmentId: id, workerId: a.workerId, shiftId: a.shiftId }, status === 'completed' ? 'completed' : 'no-show');
    this.events.publish('shift.changed', { shiftId: a.shiftId });
    const shift = shiftCompleted ? { ...a.shift, status: 'completed' as const } : a.shift;
    return toEmployerAttendance({ ...a, status, shift }, this.config.checkInRadiusM);
  }

  async rate(accountId: string, id: string, stars: number, comment?: string) {
    const a = await this.load(id);
    const party = this.partyOf(a, accountId);
    if (a.status !== 'completed') throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    if (party === 'worker') {
      if (a.employerRating !== null) throw new AppError('ALREADY_RATED');
      await this.prisma.$transaction([
        this.prisma.assignment.update({ where: { id }, data: { employerRating: stars, employerComment: comment ?? null } }),
        this.prisma.employerProfile.update({
          where: { id: a.shift.employerId },
          data: { ratingSum: { increment: stars }, ratingCount: { increment: 1 } },
        }),
      ]);
    } else {
      if (a.workerRating !== null) throw new AppError('ALREADY_RATED');
      await this.prisma.$transaction([
        this.prisma.assignment.update({ where: { id }, data: { workerRating: stars, workerComment: comment ?? null } }),
        this.prisma.workerProfile.update({
          where: { id: a.workerId },
          data: { ratingSum: { increment: stars }, ratingCount: { increment: 1 } },
        }),
      ]);
    }
    return { ok: true };
  }

  async confirmPaid(workerId: string, id: string, paid: boolean) {
    const a = await this.owned(id, workerId, 'worker');
    if (a.status !== 'completed') throw new AppError('ASSIGNMENT_NOT_ACTIVE');
    return this.saved(id, { paidConfirmed: paid }, paid ? 'assignment.paid' : 'assignment.unpaid');
  }

  /** A dispute carries the evidence as it stood when it was opened: the shift as posted, attendance, the agreed wage. */
  async dispute(accountId: string, id: string, description: string) {
    const a = await this.load(id);
    const openedBy = this.partyOf(a, accountId);
    const existing = await this.prisma.dispute.findFirst({ where: { assignmentId: id, openedBy: accountId, status: 'open' } });
    if (existing) return toDisputeView(existing);
    const view = toWorkerAssignment(a, this.config.checkInRadiusM);
    const evidence = {
      shift: view.shift,
      wage: view.wage,
      hiredAt: view.hiredAt,
      checkIn: view.checkIn,
      checkOut: view.checkOut,
      status: a.status,
      paidConfirmed: a.paidConfirmed,
    };
    const dispute = await this.prisma.dispute.create({
      data: {
        assignmentId: id,
        openedBy: accountId,
        openedByRole: openedBy,
        description,
        evidence: evidence as unknown as Prisma.InputJsonValue,
      },
    });
    this.log.info({ event: 'dispute.opened', disputeId: dispute.id, assignmentId: id, openedBy }, 'dispute opened');
    this.events.publish('dispute.opened', { disputeId: dispute.id, assignmentId: id, openedBy: accountId });
    return {
      id: dispute.id,
      status: dispute.status,
      openedByRole: openedBy,
      description,
      evidence,
      createdAt: dispute.createdAt.toISOString(),
    };
  }

  private async complete(a: AssignmentRow, data: Prisma.AssignmentUpdateInput): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.assignment.updateMany({
        where: { id: a.id, status: 'hired' },
        data: { ...data, status: 'completed' },
      });
      if (count !== 1) throw new AppError('ASSIGNMENT_NOT_ACTIVE');
      await tx.workerProfile.update({ where: { id: a.workerId }, data: { completedCount: { increment: 1 } } });
      await completeShiftIfDone(tx, a.shiftId);
    }, TX_OPTIONS);
    this.log.info({ event: 'assignment.completed', assignmentId: a.id, workerId: a.workerId, shiftId: a.shiftId }, 'completed');
  }

  private onSite(a: AssignmentRow, location: LatLng): void {
    const site = { lat: a.shift.lat, lng: a.shift.lng };
    const radius = this.config.checkInRadiusM;
    if (withinSite(site, location, radius)) return;
    const far = distanceText(distanceKm(site, location));
    throw new AppError('TOO_FAR_FROM_SITE', [
      {
        field: 'location',
        zh: `您现在离干活地点约 ${far.zh}，要在 ${radius} 米以内才能签到签退`,
        en: `You are about ${far.en} from the site; check-in and check-out work within ${radius} m`,
      },
    ]);
  }

  private async saved(id: string, data: Prisma.AssignmentUpdateInput, event: string) {
    await this.prisma.assignment.update({ where: { id }, data });
    this.log.info({ event, assignmentId: id }, event);
    return this.view(id);
  }

  private async view(id: string) {
    return toWorkerAssignment(await this.load(id), this.config.checkInRadiusM);
  }

  private async load(id: string): Promise<AssignmentRow> {
    const a = await this.prisma.assignment.findUnique({ where: { id }, include: ASSIGNMENT_INCLUDE });
    if (!a) throw new AppError('NOT_FOUND');
    return a;
  }

  private async owned(id: string, accountId: string, party: Party): Promise<AssignmentRow> {
    const a = await this.load(id);
    if (this.partyOf(a, accountId) !== party) throw new AppError('FORBIDDEN');
    return a;
  }

  private partyOf(a: AssignmentRow, accountId: string): Party {
    if (a.workerId === accountId) return 'worker';
    if (a.shift.employerId === accountId) return 'employer';
    throw new AppError('FORBIDDEN');
  }
}

/** "350 米" under a kilometre, else "4.9 公里" (as the phone app writes distances). */
function distanceText(km: number): { zh: string; en: string } {
  if (km < 1) {
    const m = Math.round(km * 1000);
    return { zh: `${m} 米`, en: `${m} m` };
  }
  return { zh: `${km.toFixed(1)} 公里`, en: `${km.toFixed(1)} km` };
}
