// Cases (protocol Part 2: 首问负责, 限时办结, 一次性告知) and the work log (工作日志台账).

export const CASE_KINDS = ['consultation', 'complaint', 'wage_arrears', 'dispute', 'injury'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseStatus = 'open' | 'in_progress' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'closed'];

export const CASE_OUTCOME_TYPES = ['no_show_reversed', 'wage_paid', 'referred_inspection', 'referred_arbitration'] as const;
export type CaseOutcomeType = (typeof CASE_OUTCOME_TYPES)[number];

/** GET /api/cases/kinds: what each kind is, its time limit and everything to bring (一次性告知). */
export interface CaseKindInfo {
  kind: CaseKind;
  name: string;
  nameEn: string;
  timeLimitDays: number;
  checklist: string[];
  checklistEn: string[];
}

export interface CaseHistoryItem {
  at: string;
  /** opened, taken, handed_over, noted, outcome, closed, overdue */
  action: string;
  /** The account that did it, or "system". */
  by: string;
  note?: string;
  toAccountId?: string;
  outcome?: string;
}

/** The assignment as it stood when the case was opened. */
export interface CaseEvidence {
  assignmentId: string;
  shift: unknown;
  wage: { amount: number; unit: string };
  hiredAt: string;
  checkIn: { at: string; location: { lat: number; lng: number } | null } | null;
  checkOut: { at: string; location: { lat: number; lng: number } | null } | null;
  status: string;
  paidConfirmed: boolean | null;
}

export interface CaseView {
  id: string;
  kind: CaseKind;
  marketId: string;
  status: CaseStatus;
  ownerId: string | null;
  timeLimitDays: number;
  dueAt: string;
  checklist: string[];
  checklistEn: string[];
  history: CaseHistoryItem[];
  createdAt: string;
  description: string;
  assignmentId: string | null;
  openedBy: string;
  openedByRole: 'worker' | 'employer' | 'staff';
  /** Shown to the person who opened it and to those who serve the market; null otherwise. */
  contactPhone: string | null;
  overdue: boolean;
  outcome: string | null;
  outcomes: Array<{ type: CaseOutcomeType; at: string; by: string; note?: string }>;
  evidence: CaseEvidence | null;
}

/** To both parties' phones (/worker and /employer) at every step of a case about them. */
export interface CaseUpdatedPayload {
  caseId: string;
  status: CaseStatus;
  action: string;
}

export interface LedgerEntryView {
  seq: number;
  at: string;
  type: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface LedgerDay {
  marketId: string;
  date: string;
  entries: LedgerEntryView[];
}

export type LedgerVerification = { ok: true; entries: number } | { ok: false; firstBroken: number };

export interface LedgerSummary {
  marketId: string;
  date: string;
  shiftsPosted: number;
  positions: number;
  hires: number;
  assistedHires: number;
  walkIns: number;
  casesOpened: number;
  casesClosed: number;
  casesOverdue: number;
  trainingsPublished: number;
  /** Tools and lockers lent, returned and newly overdue that day. */
  loans: { lent: number; returned: number; overdue: number };
  /** Guidance places booked and sessions attended that day. */
  guidance: { booked: number; attended: number };
}
