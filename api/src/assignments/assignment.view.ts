import type { Dispute, EmployerAttendance, WorkerAssignment } from '@linggong/protocol';
import type { Prisma } from '../database/prisma.js';
import { toShiftView } from '../shifts/shift.mapper.js';
import { checkInRule } from './assignment.rules.js';

export const ASSIGNMENT_INCLUDE = {
  shift: { include: { employer: { select: { name: true, contactName: true, account: { select: { phone: true } } } } } },
  disputes: { orderBy: { createdAt: 'asc' } },
} as const;

type DisputeRow = AssignmentRow['disputes'][number];

export function toDisputeView(d: DisputeRow): Dispute {
  return {
    id: d.id,
    status: d.status,
    openedByRole: d.openedByRole as Dispute['openedByRole'],
    description: d.description,
    evidence: d.evidence as unknown as Dispute['evidence'],
    createdAt: d.createdAt.toISOString(),
  };
}

export type AssignmentRow = Prisma.AssignmentGetPayload<{ include: typeof ASSIGNMENT_INCLUDE }>;

const at = (d: Date | null, lat: number | null, lng: number | null) =>
  d ? { at: d.toISOString(), location: lat !== null && lng !== null ? { lat, lng } : null } : null;

/** A hire as its worker sees it: after hiring, the employer's contact is theirs to call. */
export function toWorkerAssignment(a: AssignmentRow, checkInRadiusM: number): WorkerAssignment {
  return {
    id: a.id,
    status: a.status,
    shift: toShiftView(a.shift),
    employer: { name: a.shift.employer.name, contactName: a.shift.employer.contactName, phone: a.shift.employer.account.phone },
    wage: { amount: Number(a.wageAmount), unit: a.wageUnit },
    hiredAt: a.createdAt.toISOString(),
    checkIn: at(a.checkInAt, a.checkInLat, a.checkInLng),
    checkOut: at(a.checkOutAt, a.checkOutLat, a.checkOutLng),
    checkInRule: checkInRule(a.shift.startsAt, a.shift.endsAt, checkInRadiusM),
    cancelled: a.cancelledAt ? { at: a.cancelledAt.toISOString(), reason: a.cancelReason, late: a.lateCancel } : null,
    paidConfirmed: a.paidConfirmed,
    myRatingOfEmployer: a.employerRating,
    employerRatingOfMe: a.workerRating,
    disputes: a.disputes.filter((d) => d.openedBy === a.workerId).map(toDisputeView),
  };
}

/** A hire as its employer sees it after marking attendance: when the worker checked in, never where. */
export function toEmployerAttendance(a: AssignmentRow, checkInRadiusM: number): EmployerAttendance {
  const stamp = (d: Date | null) => (d ? { at: d.toISOString(), location: null } : null);
  return {
    ...toWorkerAssignment(a, checkInRadiusM),
    checkIn: stamp(a.checkInAt),
    checkOut: stamp(a.checkOutAt),
    // Check-in is refused outside the site's radius, so a check-in on record was made on site.
    checkedInOnSite: a.checkInAt !== null,
    disputes: [],
  };
}
