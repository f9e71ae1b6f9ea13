import type { EmployerHire } from '@linggong/protocol';
import { Prisma, type PrismaClient } from '../database/prisma.js';
import type { ShiftRow } from '../common/shift-row.js';

/**
 * The employer's view of a shift in one statement: the shift, its offer counts and every hire with the
 * worker's name and phone, instead of a statement for the shift, one per count and one per relation level of
 * the hires. The hires come as one JSON array (times as epoch milliseconds), not as a row each: PGlite
 * parses every field of every row in JavaScript, and fifty rows repeating the shift's thirty columns cost
 * more than the statements saved. On the embedded database every statement costs the event loop a few
 * hundred microseconds before it does anything, and this is the screen an employer keeps open.
 */

/** One hire as the statement returns it, before the contact rules decide what the employer sees. */
export interface HireRow {
  assignmentId: string;
  workerId: string;
  status: EmployerHire['status'];
  hiredAt: Date;
  checkInAt: Date | null;
  checkOutAt: Date | null;
  rating: number | null;
  name: string;
  phone: string;
}

export interface EmployerExtrasRow {
  offersOpen: number;
  offersSent: number;
  hires: HireRow[];
}

/** A hire in the JSON array: times in epoch milliseconds. */
interface HireJson {
  assignmentId: string;
  workerId: string;
  status: EmployerHire['status'];
  hiredAt: number;
  checkInAt: number | null;
  checkOutAt: number | null;
  rating: number | null;
  name: string;
  phone: string;
}

interface Extras {
  offersOpen: number | null;
  offersSent: number | null;
  /** Parsed by Prisma as a `json` column; a string if an adapter hands it over unparsed. */
  hires: HireJson[] | string | null;
}

const ms = (column: string) => Prisma.raw(`(extract(epoch FROM a."${column}") * 1000)::bigint`);

/** The counts and hires of shift `s`, read only when `viewer` is its employer (a lateral join on `s`). */
const extrasOfShift = (viewer: string | null) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE o.status = 'open')::int AS "offersOpen", count(*)::int AS "offersSent"
    FROM "Offer" o WHERE o."shiftId" = s.id AND s."employerId" = ${viewer}
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object(
      'assignmentId', a.id, 'workerId', a."workerId", 'status', a.status, 'hiredAt', ${ms('createdAt')},
      'checkInAt', ${ms('checkInAt')}, 'checkOutAt', ${ms('checkOutAt')}, 'rating', a."workerRating",
      'name', w.name, 'phone', acc.phone
    ) ORDER BY a."createdAt", a.id) AS hires
    FROM "Assignment" a
    JOIN "WorkerProfile" w ON w.id = a."workerId"
    JOIN "Account" acc ON acc.id = a."workerId"
    WHERE a."shiftId" = s.id AND s."employerId" = ${viewer}
  ) h ON true`;

/** The shift, and when `viewerId` is its employer the counts and hires too (in the order they were made). */
export async function shiftForViewer(
  prisma: PrismaClient,
  id: string,
  viewerId: string | undefined,
): Promise<{ shift: ShiftRow; extras?: EmployerExtrasRow } | null> {
  const viewer = viewerId ?? null;
  const rows = await prisma.$queryRaw<Array<ShiftRow & Extras & { employerName: string }>>`
    SELECT s.*, e.name AS "employerName", c."offersOpen", c."offersSent", h.hires
    FROM "Shift" s
    JOIN "EmployerProfile" e ON e.id = s."employerId"
    ${extrasOfShift(viewer)}
    WHERE s.id = ${id}`;
  if (!rows.length) return null;
  const { employerName, offersOpen, offersSent, hires, ...own } = rows[0];
  const shift: ShiftRow = { ...own, employer: { name: employerName } };
  if (shift.employerId !== viewerId) return { shift };
  return { shift, extras: extrasOf({ offersOpen, offersSent, hires }) };
}

/** The counts and hires of a shift already read (the notifiers, a cancel): one statement. */
export async function employerExtras(prisma: PrismaClient, shift: ShiftRow): Promise<EmployerExtrasRow> {
  const rows = await prisma.$queryRaw<Extras[]>`
    SELECT c."offersOpen", c."offersSent", h.hires
    FROM (SELECT ${shift.id}::text AS id, ${shift.employerId}::text AS "employerId") s
    ${extrasOfShift(shift.employerId)}`;
  return extrasOf(rows[0]);
}

function extrasOf(row: Extras | undefined): EmployerExtrasRow {
  const raw = row?.hires ?? [];
  const list = typeof raw === 'string' ? (JSON.parse(raw) as HireJson[]) : raw;
  const date = (v: number | string | null) => (v === null ? null : new Date(Number(v)));
  return {
    offersOpen: row?.offersOpen ?? 0,
    offersSent: row?.offersSent ?? 0,
    hires: list.map((h) => ({ ...h, hiredAt: date(h.hiredAt)!, checkInAt: date(h.checkInAt), checkOutAt: date(h.checkOutAt) })),
  };
}
