/** Shapes shared by the API, the board and the phone app (see shared/protocol.md). */

export interface LatLng {
  lat: number;
  lng: number;
}

export type WageUnit = 'day' | 'hour' | 'piece';
export const WAGE_UNITS: readonly WageUnit[] = ['day', 'hour', 'piece'];

export interface Wage {
  amount: number;
  unit: WageUnit;
}

export type PhysicalDemand = 'light' | 'moderate' | 'heavy';
export const PHYSICAL_DEMANDS: readonly PhysicalDemand[] = ['light', 'moderate', 'heavy'];

/** The honest terms of a shift besides the wage. */
export interface ShiftTerms {
  transportProvided: boolean;
  mealsProvided: boolean;
  nightWork: boolean;
  physicalDemand: PhysicalDemand;
  olderFriendly: boolean;
}

export type ShiftStatus = 'open' | 'filled' | 'cancelled' | 'expired' | 'completed';
export type ShiftCloseReason = 'filled' | 'cancelled' | 'expired';
export type PresenceStatus = 'waiting' | 'busy' | 'offline';
export type PriorityGroup = 'none' | 'older' | 'hard_to_employ';
export type Role = 'worker' | 'employer' | 'staff' | 'admin' | 'officer';
/** The roles held over a market (staff) or a region (admin, officer). */
export type ScopeRole = 'staff' | 'admin' | 'officer';
export const SCOPE_ROLES: readonly ScopeRole[] = ['staff', 'admin', 'officer'];
/** One scope of a signed-in person: staff of a market, or admin or officer of a region and all below it. */
export type AccountScope = { role: ScopeRole; marketId: string; regionCode?: undefined } | { role: ScopeRole; regionCode: string; marketId?: undefined };

export interface AccountView {
  id: string;
  phone: string;
  roles: Role[];
  scopes: AccountScope[];
}
/** 综合性, 行业性, 零工服务站, and 家门口 (doorstep) service points. */
export type MarketKind = 'comprehensive' | 'industry' | 'station' | 'doorstep';
export const MARKET_KINDS: readonly MarketKind[] = ['comprehensive', 'industry', 'station', 'doorstep'];
/** Run by the HR bureau, a window in a public employment office (加挂牌子), or contracted to an operator. */
export type MarketOperator = 'hrss' | 'co_branded' | 'contracted';
export const MARKET_OPERATORS: readonly MarketOperator[] = ['hrss', 'co_branded', 'contracted'];

export interface Trade {
  code: string;
  name: string;
  nameEn: string;
  industry: string;
}

export interface Amenity {
  kind: string;
  name: string;
  nameEn: string;
  detail?: string;
}

export interface Market {
  id: string;
  name: string;
  nameEn: string;
  kind: MarketKind;
  operator: MarketOperator;
  regionCode: string;
  location: LatLng;
  address: string;
  hours: string;
  hotline: string;
  complaintChannel: string;
  reachKm: number;
  services: string[];
  amenities: Amenity[];
  /** The operator's name (a contracted market's company; else the office running it), if recorded. */
  operatorName: string | null;
  /** A contracted market's contract period, `YYYY-MM-DD` (China time); null otherwise. */
  contractStart: string | null;
  contractEnd: string | null;
  /** 办事指南: for each service, the steps, the materials to bring, the time limit and the fee. */
  guide: GuideEntry[];
  /** False once an admin hid the market (`PATCH { active: false }`): no longer listed or dispatched to. */
  active: boolean;
}

/** One service of a market's guide (办事指南). */
export interface GuideEntry {
  service: string;
  steps: string[];
  materials: string[];
  /** Working days to complete; 0 = on the spot. */
  timeLimitDays: number;
  /** What it costs in yuan, like all money in the protocol; 0 = free (shown as 免费). */
  fee: number;
}

/** `GET /api/markets/:id` and `GET /api/staff/markets`: the market plus how many staff serve it. */
export interface MarketDetail extends Market {
  staffOnDuty: number;
}

/** A person an admin added: `POST /api/admin/people` and each row of `GET /api/admin/people`. */
export interface PersonScope {
  accountId: string;
  role: ScopeRole;
  marketIds?: string[];
  regionCode?: string;
}

export interface PersonView extends PersonScope {
  phone: string;
  name: string | null;
}

/** What a worker sees of a shift in an offer. */
export interface OfferedShift {
  id: string;
  title: string;
  trade: string;
  wage: Wage;
  location: LatLng;
  address: string;
  startsAt: string;
  endsAt: string;
  terms: ShiftTerms;
  employerName: string;
  description?: string | null;
}

export type OfferReasonCode = 'distance' | 'reliability' | 'waiting' | 'priority';

export interface OfferReason {
  code: OfferReasonCode;
  value: number;
  /** Share of the score this reason contributed, 0..1. */
  weight: number;
}

export interface OfferPayload {
  offerId: string;
  shift: OfferedShift;
  distanceKm: number;
  expiresAt: string;
  /** Short human-readable reasons, first the distance ("1.2 km"). */
  reasons: string[];
  reasonDetails: OfferReason[];
}

export interface OfferWithdrawnPayload {
  offerId: string;
  reason: ShiftCloseReason;
}

/** A shift as shown on a public board: no phone number, no personal name. */
export interface BoardShift {
  id: string;
  title: string;
  trade: string;
  tradeName: string;
  tradeNameEn: string;
  wage: Wage;
  location: LatLng;
  address: string;
  startsAt: string;
  endsAt: string;
  headcount: number;
  filled: number;
  remaining: number;
  status: ShiftStatus;
  terms: ShiftTerms;
  employerName: string;
  distanceKm: number;
  postedAt: string;
}

export interface BoardStats {
  month: string;
  openShifts: number;
  openPositions: number;
  waitingWorkers: number;
  hiredToday: number;
  /** 求人倍率 of the current month for the market's city; null when no seekers. */
  demandSupplyRatio: number | null;
}

export interface BoardSnapshot {
  seq: number;
  market: Market;
  shifts: BoardShift[];
  stats: BoardStats;
}

export interface EmployerHire {
  assignmentId: string;
  workerId: string;
  /** Null after a cancel or a no-show, and some days after the shift ended (privacy). */
  name: string | null;
  /** Null as `name`, and for a walk-in registered without a phone. */
  phone: string | null;
  status: string;
  hiredAt: string;
  checkInAt: string | null;
  checkOutAt: string | null;
  /** The employer's own rating of this worker for this shift, once given. */
  rating: number | null;
}

/** What every full view of a shift carries: the posting as written, and how far it has filled. */
export interface ShiftFacts {
  id: string;
  title: string;
  trade: string;
  status: ShiftStatus;
  headcount: number;
  filled: number;
  wage: Wage;
  location: LatLng;
  address: string;
  startsAt: string;
  endsAt: string;
  terms: ShiftTerms;
  marketId: string | null;
  createdAt: string;
}

/** A shift as its own employer sees it. */
export interface EmployerShift extends ShiftFacts {
  description: string | null;
  offersOpen: number;
  offersSent: number;
  wave: number;
  radiusKm: number;
  hires: EmployerHire[];
}
