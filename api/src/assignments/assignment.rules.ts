import { distanceKm } from '../common/geo.js';
import type { CheckInRule, LatLng } from '@linggong/protocol';

/** A worker who cancels this close to the start (or later) cancels late: it lowers reliability. */
export const LATE_CANCEL_MS = 2 * 3600_000;
/** Check-in opens this long before the start. */
export const CHECK_IN_OPENS_MS = 2 * 3600_000;

export function isLateCancel(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < LATE_CANCEL_MS;
}

export function withinSite(site: LatLng, at: LatLng, radiusM: number): boolean {
  return distanceKm(site, at) * 1000 <= radiusM;
}

export function checkInOpen(startsAt: Date, endsAt: Date, now: Date): boolean {
  return now.getTime() >= startsAt.getTime() - CHECK_IN_OPENS_MS && now <= endsAt;
}

export function checkInRule(startsAt: Date, endsAt: Date, radiusM: number): CheckInRule {
  return { radiusM, opensAt: new Date(startsAt.getTime() - CHECK_IN_OPENS_MS).toISOString(), closesAt: endsAt.toISOString() };
}
