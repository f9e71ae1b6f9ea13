import type { OfferPayload, PriorityGroup, ShiftCloseReason } from './model.js';

/** A walk-in worker in a market's queue at the window (protocol Part 2). */
export interface WalkIn {
  workerId: string;
  /** Called out in the hall: "A012"; per market per China-time day. */
  ticket: string;
  name: string;
  trades: string[];
  phone: string | null;
  birthYear: number | null;
  priority: PriorityGroup;
  priorityVerified: boolean;
  status: 'waiting' | 'offline';
  /** When the walk-in started waiting today; null when not waiting. */
  waitingSince: string | null;
  openOffers: number;
}

/** An offer for a walk-in, as the market's staff see it: the `/worker` offer plus who it is for. */
export interface StaffOfferPayload extends OfferPayload {
  workerId: string;
  ticket: string;
  workerName: string;
}

/** The hall calls a ticket: never a name, never a phone (`/board`, no `seq`: not a state delta). */
export interface TicketCall {
  ticket: string;
  shiftTitle: string;
  /** Trade code, with its names for the screen and the voice. */
  trade: string;
  tradeName: string;
  tradeNameEn: string;
  address: string;
  at: string;
}

export interface StaffServerEvents {
  offer: (offer: StaffOfferPayload) => void;
  'offer:withdrawn': (payload: { offerId: string; reason: ShiftCloseReason; workerId: string }) => void;
  'walkin:changed': (payload: { marketId: string; workerId: string }) => void;
  'case:changed': (payload: { caseId: string; marketId: string }) => void;
}
