// Public employment services at a market (issue #17): career guidance (职业指导), tools and lockers
// (工具借用, 行李寄存).

export type GuidanceBookingStatus = 'booked' | 'attended' | 'no_show';

/** POST /api/markets/:id/guidance-slots body. */
export interface NewGuidanceSlot {
  startsAt: string;
  endsAt: string;
  counsellor: string;
  /** Places; 1 when left out. */
  capacity?: number;
}

/** A guidance session: GET /api/markets/:id/guidance-slots lists the upcoming ones (public). */
export interface GuidanceSlotView {
  id: string;
  marketId: string;
  startsAt: string;
  endsAt: string;
  counsellor: string;
  capacity: number;
  /** Places taken (booked or attended; a no-show frees its place). */
  taken: number;
  freePlaces: number;
}

export interface GuidanceBookingView {
  id: string;
  slotId: string;
  marketId: string;
  workerId: string;
  /** The worker's name (staff lists and the worker's own list). */
  workerName: string | null;
  /** Booked by staff for a walk-in at the window. */
  walkIn: boolean;
  bookedBy: string;
  status: GuidanceBookingStatus;
  notes: string | null;
  referredTo: string | null;
  outcomeAt: string | null;
  remindedAt: string | null;
  createdAt: string;
  slot: { startsAt: string; endsAt: string; counsellor: string };
}

/** POST /api/guidance-bookings/:id/outcome body. */
export interface GuidanceOutcome {
  attended: boolean;
  notes?: string;
  referredTo?: string;
}

/** GET /api/markets/:id/guidance-bookings?date= (staff): the day's slots, each with its bookings. */
export interface GuidanceDay {
  marketId: string;
  date: string;
  slots: Array<GuidanceSlotView & { bookings: GuidanceBookingView[] }>;
}

/** `guidance:reminder` on /worker, about an hour before the slot, once. */
export interface GuidanceReminderPayload {
  bookingId: string;
  slotId: string;
  marketId: string;
  startsAt: string;
  counsellor: string;
}

export type LendableKind = 'tool' | 'locker';

export interface NewLendable {
  kind: LendableKind;
  name: string;
  /** Deposit in yuan (0 for none). */
  deposit: number;
}

export interface LoanView {
  id: string;
  lendableId: string;
  marketId: string;
  kind: LendableKind;
  name: string;
  workerId: string;
  workerName: string | null;
  lentBy: string;
  lentAt: string;
  dueAt: string;
  deposit: number;
  returnedAt: string | null;
  returnedBy: string | null;
  depositRefunded: boolean | null;
  overdue: boolean;
}

/** A market's tool or locker; `loan` when it is out. */
export interface LendableView {
  id: string;
  marketId: string;
  kind: LendableKind;
  name: string;
  deposit: number;
  loan: LoanView | null;
}
