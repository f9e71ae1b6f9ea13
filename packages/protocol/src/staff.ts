/**
 * Part 2 of shared/protocol.md (markets, services and governance) and the agreed Part 2
 * extensions: the shapes the staff console, the API and outside clients share.
 */
import type { CaseKind, CaseOutcomeType } from './cases.js';
import type {
  AccountView,
  GuideEntry,
  LatLng,
  Market,
  MarketKind,
  MarketOperator,
  ScopeRole,
  PriorityGroup,
  ShiftTerms,
  Wage,
} from './model.js';

export const STAFF_NAMESPACE = '/staff';

// ---------- roles, scope, people and markets: see model.ts ----------

/** `login`'s `account` and `GET /api/auth/me`. */
export type StaffAccount = AccountView;

export interface LoginResponse {
  token: string;
  account: AccountView;
}

/** `POST /api/admin/people`. */
export interface AddPersonRequest {
  phone: string;
  role: ScopeRole;
  marketIds?: string[];
  regionCode?: string;
}

/** `DELETE /api/admin/people/:accountId?role=`. */
export interface RemovePersonResponse {
  accountId: string;
  role: ScopeRole;
}

/** `POST /api/markets` (admin of the region). */
export interface MarketInput {
  name: string;
  nameEn?: string;
  kind: MarketKind;
  operator: MarketOperator;
  operatorName?: string | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  regionCode: string;
  location: LatLng;
  reachKm?: number;
  address: string;
  hours: string;
  hotline: string;
  complaintChannel: string;
  services: string[];
  amenities: Market['amenities'];
  guide?: GuideEntry[];
}

/** `PATCH /api/markets/:id`: any of the fields; `active: false` hides a market. */
export type MarketPatch = Partial<MarketInput> & { active?: boolean };

// ---------- walk-in workers ----------

/** `POST /api/staff/walk-ins`. */
export interface RegisterWalkInRequest {
  marketId: string;
  name: string;
  trades: string[];
  phone?: string;
  birthYear?: number;
  priority?: PriorityGroup;
}

/** `201` of `POST /api/staff/walk-ins`; `ticket` is "A001", "A002", … per market per China-time day. */
export interface RegisterWalkInResponse {
  workerId: string;
  ticket: string;
}

/** `POST /api/staff/walk-ins/:workerId/priority` → the walk-in. */
export interface VerifyPriorityRequest {
  priority: PriorityGroup;
  certificate?: string;
}

/** `PUT /api/staff/walk-ins/:workerId/presence`. */
export interface WalkInPresenceRequest {
  status: 'waiting' | 'offline';
}


/** `POST /api/offers/:offerId/accept` → `200`. */
export interface AcceptOfferResponse {
  assignment: { id: string; shiftId: string };
}

// ---------- shifts posted at the window ----------

/** The body of `POST /api/shifts`. */
export interface ShiftRequestBody {
  title: string;
  trade: string;
  headcount: number;
  wage: Wage;
  location: LatLng;
  address: string;
  startsAt: string;
  endsAt: string;
  marketId?: string;
  description?: string;
  terms?: Partial<ShiftTerms>;
}

/** `POST /api/staff/shifts` (staff of the market): a shift for a walk-in employer. */
export interface StaffShiftRequest extends ShiftRequestBody {
  marketId: string;
  employer: { name: string; phone?: string; contactName?: string };
}

// ---------- cases (首问负责, 限时办结, 一次性告知) ----------

// Views, kinds and statuses: cases.ts.

/** `POST /api/cases`. */
export interface CreateCaseRequest {
  kind: CaseKind;
  marketId: string;
  description: string;
  assignmentId?: string;
  contactPhone?: string;
}

export interface HandoverCaseRequest {
  toAccountId: string;
  reason: string;
}

export interface CloseCaseRequest {
  outcome: string;
}

export interface CaseNoteRequest {
  note: string;
}

export interface CaseOutcomeRequest {
  type: CaseOutcomeType;
  note?: string;
}

// The work log's shapes (LedgerDay, LedgerVerification, LedgerSummary): cases.ts.

// ---------- training, publication, feed ----------

/** `POST /api/trainings`. */
export interface TrainingInput {
  title: string;
  provider: string;
  trades: string[];
  regionCode: string;
  marketId?: string;
  address: string;
  startsAt: string;
  endsAt: string;
  fee: number;
  subsidy?: number;
  seats: number;
}

export interface Training extends TrainingInput {
  id: string;
  signups: number;
}

/** `POST /api/training-demand`. */
export interface TrainingDemandRequest {
  trades: string[];
  note?: string;
}

/** A row of `GET /api/training-demand/summary?regionCode=`. */
export interface TrainingDemandRow {
  trade: string;
  workers: number;
}

/** `POST /api/stats/monthly/publish` request and `201`. */
export interface PublishMonthRequest {
  month: string;
  regionCode: string;
}

export interface PublishedMonth extends PublishMonthRequest {
  version: number;
  publishedAt: string;
}

/** `POST /api/admin/feed-keys`: the key is shown once. */
export interface FeedKeyRequest {
  name: string;
  regionCode: string;
}

export interface FeedKeyResponse {
  id: string;
  key: string;
}

export interface FeedShift {
  id: string;
  regionCode: string;
  marketId: string | null;
  trade: string;
  industry: string;
  headcount: number;
  filled: number;
  wage: Wage;
  startsAt: string;
  endsAt: string;
  status: string;
  updatedAt: string;
}

export interface FeedPage<T> {
  items: T[];
  nextCursor: string | null;
}

// ---------- sockets ----------

/** Board (`/board`): a walk-in of that market was offered work. A ticket, never a name; no `seq`. */
export type StaffClientEvents = Record<never, never>;
