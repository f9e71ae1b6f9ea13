import type { EmployerHire, PostedShift } from '@linggong/protocol';

/**
 * Who sees what of a shift (issue #19, finding 9). Anyone may see open shifts, placed to about 100 m;
 * the exact site is for the employer, the workers holding an offer or a hire for it, and the staff who
 * oversee its market. A hired worker's name and phone are the employer's to call while the hire is live
 * and for a set time after the shift ended; never after a cancel or a no-show.
 */

/** Three decimals of a degree: about 111 m north-south, about 90 m east-west at Lanzhou. */
const PLACE_DECIMALS = 3;

export function roundedPlace(location: { lat: number; lng: number }): { lat: number; lng: number } {
  const f = 10 ** PLACE_DECIMALS;
  return { lat: Math.round(location.lat * f) / f, lng: Math.round(location.lng * f) / f };
}

/** The public view with the site rounded (for callers who hold neither an offer nor a hire for it). */
export function withRoundedPlace(view: PostedShift): PostedShift {
  return { ...view, location: roundedPlace(view.location) };
}

/**
 * Only a real mobile number is a phone: walk-ins registered without one carry a `walkin:` placeholder
 * (walk-ins.repository.ts), deleted accounts a `deleted:` one.
 */
const MOBILE = /^1\d{10}$/;

export function hireContact(
  hire: { status: string; name: string; phone: string },
  shiftEndsAt: Date,
  now: Date,
  keepDays: number,
): Pick<EmployerHire, 'name' | 'phone'> {
  const expired = now.getTime() - shiftEndsAt.getTime() > keepDays * 86_400_000;
  if (hire.status === 'cancelled' || hire.status === 'no_show' || expired) return { name: null, phone: null };
  return { name: hire.name, phone: MOBILE.test(hire.phone) ? hire.phone : null };
}
