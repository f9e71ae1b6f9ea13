import { Prisma, type PrismaClient } from '../database/prisma.js';
import type { AssignmentRow } from './assignment.view.js';

/**
 * Attendance in two statements, not sixteen: the hire as its employer sees it (the assignment, its shift and
 * the employer's contact, one joined read), and the change (the hire settled, the worker's record counted and
 * the shift completed once no hire is left open, one statement). The rows have the shapes the typed reads
 * return, so the answer is the same `toEmployerAttendance` view as before.
 */

/** The assignment's columns, renamed so they cannot clash with the shift's (`s.*`). */
const ASSIGNMENT_COLUMNS = [
  'id',
  'shiftId',
  'workerId',
  'offerId',
  'status',
  'startsAt',
  'endsAt',
  'wageAmount',
  'wageUnit',
  'checkInAt',
  'checkInLat',
  'checkInLng',
  'checkOutAt',
  'checkOutLat',
  'checkOutLng',
  'cancelledAt',
  'cancelReason',
  'lateCancel',
  'paidConfirmed',
  'workerRating',
  'workerComment',
  'employerRating',
  'employerComment',
  'assistedBy',
  'assistedVia',
  'createdAt',
  'updatedAt',
] as const;
type AssignmentColumn = (typeof ASSIGNMENT_COLUMNS)[number];

const SELECT_ASSIGNMENT = Prisma.raw(ASSIGNMENT_COLUMNS.map((c) => `a."${c}" AS "a_${c}"`).join(', '));

type Row = AssignmentRow['shift'] & { [K in AssignmentColumn as `a_${K}`]: AssignmentRow[K] } & {
  employerName: string;
  employerContactName: string | null;
  employerPhone: string;
};

/** The hire with its shift and the employer's contact (no disputes: the employer's attendance view shows none). */
export async function hireForAttendance(prisma: PrismaClient, id: string): Promise<AssignmentRow | null> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT s.*, ${SELECT_ASSIGNMENT},
      e.name AS "employerName", e."contactName" AS "employerContactName", acc.phone AS "employerPhone"
    FROM "Assignment" a
    JOIN "Shift" s ON s.id = a."shiftId"
    JOIN "EmployerProfile" e ON e.id = s."employerId"
    JOIN "Account" acc ON acc.id = s."employerId"
    WHERE a.id = ${id}`;
  return rows.length ? assignmentOf(rows[0]) : null;
}

function assignmentOf(row: Row): AssignmentRow {
  const shift: Record<string, unknown> = {};
  const assignment: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith('a_')) assignment[key.slice(2)] = value;
    else if (!key.startsWith('employer') || key === 'employerId') shift[key] = value;
  }
  shift.employer = { name: row.employerName, contactName: row.employerContactName, account: { phone: row.employerPhone } };
  return { ...(assignment as Omit<AssignmentRow, 'shift' | 'disputes'>), shift: shift as AssignmentRow['shift'], disputes: [] };
}

/**
 * Settles a hire still open, counts it on the worker's record and completes the shift when it was filled and
 * this was its last open hire, in one statement (PostgreSQL runs every data-modifying WITH part once, read
 * or not). `settled` is false when the hire was no longer open (or,
 * for a no-show, the worker had checked in meanwhile); `shiftCompleted` says this statement completed the shift.
 */
export async function settleHire(
  prisma: PrismaClient,
  id: string,
  status: 'completed' | 'no_show',
  now: Date,
): Promise<{ settled: boolean; shiftCompleted: boolean }> {
  const completed = status === 'completed' ? 1 : 0;
  const noShow = status === 'no_show' ? 1 : 0;
  const rows = await prisma.$queryRaw<Array<{ settled: number; shiftCompleted: number }>>`
    WITH settled AS (
      UPDATE "Assignment" SET status = ${status}::"AssignmentStatus", "updatedAt" = ${now}
      WHERE id = ${id} AND status = 'hired' AND (${noShow} = 0 OR "checkInAt" IS NULL)
      RETURNING "workerId", "shiftId"
    ), counted AS (
      UPDATE "WorkerProfile"
      SET "completedCount" = "completedCount" + ${completed}, "noShowCount" = "noShowCount" + ${noShow}, "updatedAt" = ${now}
      WHERE id = (SELECT "workerId" FROM settled)
      RETURNING id
    ), done AS (
      UPDATE "Shift" SET status = 'completed', "updatedAt" = ${now}
      WHERE id = (SELECT "shiftId" FROM settled) AND status = 'filled'
        AND NOT EXISTS (
          SELECT 1 FROM "Assignment" o
          WHERE o."shiftId" = (SELECT "shiftId" FROM settled) AND o.status = 'hired' AND o.id <> ${id}
        )
      RETURNING id
    )
    SELECT (SELECT count(*) FROM settled)::int AS settled, (SELECT count(*) FROM done)::int AS "shiftCompleted"`;
  return { settled: rows[0].settled === 1, shiftCompleted: rows[0].shiftCompleted === 1 };
}
