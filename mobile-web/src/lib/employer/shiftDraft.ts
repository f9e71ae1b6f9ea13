import type { EmployerShift, LatLng, PhysicalDemand, ShiftTerms, WageUnit } from '@linggong/protocol';
import { fromLocalInput, toLocalInput } from '../format.js';

/** The post-a-shift form, as the employer edits it. */
export interface ShiftDraft {
  trade: string;
  title: string;
  headcount: number;
  wageAmount: string;
  wageUnit: WageUnit;
  location: LatLng | null;
  marketId: string | null;
  address: string;
  startsAt: string; // datetime-local value
  endsAt: string;
  terms: ShiftTerms;
  description: string;
}

const HOUR = 60 * 60 * 1000;

function roundUpToQuarter(ms: number): Date {
  const quarter = 15 * 60 * 1000;
  return new Date(Math.ceil(ms / quarter) * quarter);
}

export function emptyDraft(now = Date.now()): ShiftDraft {
  const start = roundUpToQuarter(now + HOUR);
  return {
    trade: '',
    title: '',
    headcount: 1,
    wageAmount: '',
    wageUnit: 'day',
    location: null,
    marketId: null,
    address: '',
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(new Date(start.getTime() + 8 * HOUR)),
    terms: {
      transportProvided: false,
      mealsProvided: false,
      nightWork: false,
      physicalDemand: 'moderate' as PhysicalDemand,
      olderFriendly: false,
    },
    description: '',
  };
}

/**
 * "Post again": everything from a past shift, at the same clock times on the
 * next day they are still ahead (today if there is time, else tomorrow).
 */
export function draftFrom(past: EmployerShift, now = Date.now()): ShiftDraft {
  const oldStart = new Date(past.startsAt);
  const duration = Math.max(HOUR, Date.parse(past.endsAt) - oldStart.getTime());
  const start = new Date(now);
  start.setHours(oldStart.getHours(), oldStart.getMinutes(), 0, 0);
  if (start.getTime() < now + 15 * 60 * 1000) start.setDate(start.getDate() + 1);
  return {
    trade: past.trade,
    title: past.title,
    headcount: past.headcount,
    wageAmount: String(past.wage.amount),
    wageUnit: past.wage.unit,
    location: past.location,
    marketId: past.marketId,
    address: past.address,
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(new Date(start.getTime() + duration)),
    terms: { ...emptyDraft(now).terms, ...past.terms },
    description: past.description ?? '',
  };
}

export type DraftErrors = Partial<Record<'trade' | 'title' | 'headcount' | 'wage' | 'location' | 'address' | 'startsAt' | 'endsAt', string>>;

/** The request body of POST /api/shifts, or the fields the employer must fix first. */
export function toShiftRequest(draft: ShiftDraft, messages: Record<keyof DraftErrors, string>, now = Date.now()) {
  const errors: DraftErrors = {};
  const amount = Number(draft.wageAmount);
  const startsAt = fromLocalInput(draft.startsAt);
  const endsAt = fromLocalInput(draft.endsAt);
  if (!draft.trade) errors.trade = messages.trade;
  if (!draft.title.trim()) errors.title = messages.title;
  if (!Number.isInteger(draft.headcount) || draft.headcount < 1 || draft.headcount > 200) errors.headcount = messages.headcount;
  if (!(amount > 0)) errors.wage = messages.wage;
  if (!draft.location) errors.location = messages.location;
  if (!draft.address.trim()) errors.address = messages.address;
  if (!startsAt || Date.parse(startsAt) < now - 10 * 60 * 1000) errors.startsAt = messages.startsAt;
  if (!endsAt || (startsAt && endsAt <= startsAt)) errors.endsAt = messages.endsAt;
  if (Object.keys(errors).length > 0 || !draft.location || !startsAt || !endsAt) return { errors, body: null };
  return {
    errors,
    body: {
      title: draft.title.trim(),
      trade: draft.trade,
      headcount: draft.headcount,
      wage: { amount: Math.round(amount * 100) / 100, unit: draft.wageUnit },
      location: draft.location,
      address: draft.address.trim(),
      startsAt,
      endsAt,
      ...(draft.marketId ? { marketId: draft.marketId } : {}),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
      terms: { ...draft.terms },
    },
  };
}
