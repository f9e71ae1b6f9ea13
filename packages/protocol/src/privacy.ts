import type { WorkerAssignment } from './assignments.js';

// Privacy (issue #19): what the employer sees of a hire's attendance, and a worker's own export.

/**
 * The answer to the employer's POST /api/assignments/:id/attendance: the hire, with check-in and
 * check-out times but never the worker's position (`location` is null); `checkedInOnSite` says whether
 * the worker checked in within the site's radius.
 */
export interface EmployerAttendance extends WorkerAssignment {
  checkedInOnSite: boolean;
}

/** GET /api/workers/me/export: everything the service holds about the signed-in worker. */
export interface WorkerExport {
  exportedAt: string;
  account: { id: string; phone: string; roles: string[]; createdAt: string };
  profile: Record<string, unknown> | null;
  assignments: Array<Record<string, unknown>>;
  offers: Array<Record<string, unknown>>;
  cases: Array<Record<string, unknown>>;
  /** Work-log rows that mention this worker (by account id), without the other people's details. */
  ledgerEntries: Array<{ seq: number; at: string; kind: string; marketId: string | null }>;
}
