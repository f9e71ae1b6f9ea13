import type { LatLng, ShiftFacts, Wage } from './model.js';

// What the phone app's 我的工作 and 我的记录 read: GET /api/workers/me/assignments and the hire's actions.

/** The shift as posted (GET /api/workers/me/assignments → shift). */
export interface PostedShift extends ShiftFacts {
  regionCode?: string | null;
  description?: string | null;
  employerName: string;
}

export interface SiteStamp {
  at: string;
  location: LatLng | null;
}

export type AssignmentStatus = 'hired' | 'completed' | 'cancelled' | 'no_show';

/** Where and when this hire's check-in and check-out are accepted (the API's configured radius). */
export interface CheckInRule {
  radiusM: number;
  opensAt: string;
  closesAt: string;
}

/** One hire as its worker sees it. */
export interface WorkerAssignment {
  id: string;
  status: AssignmentStatus;
  shift: PostedShift;
  employer: { name: string; contactName: string | null; phone: string };
  wage: Wage;
  hiredAt: string;
  checkIn: SiteStamp | null;
  checkOut: SiteStamp | null;
  checkInRule: CheckInRule;
  cancelled: { at: string; reason: string | null; late: boolean } | null;
  paidConfirmed: boolean | null;
  myRatingOfEmployer: number | null;
  employerRatingOfMe: number | null;
  /** The disputes this worker opened about the hire. */
  disputes: Dispute[];
}

export interface Dispute {
  id: string;
  status: string;
  openedByRole: 'worker' | 'employer';
  description: string;
  evidence: {
    shift: PostedShift;
    wage: Wage;
    hiredAt: string;
    checkIn: SiteStamp | null;
    checkOut: SiteStamp | null;
    status: string;
    paidConfirmed: boolean | null;
  };
  createdAt: string;
}
