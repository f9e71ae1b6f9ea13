import type { CheckInRule, Dispute, LatLng, PostedShift, SiteStamp, WorkerAssignment } from '@linggong/protocol';

export type { AssignmentStatus, Dispute, PostedShift, SiteStamp, WorkerAssignment } from '@linggong/protocol';
import { ApiError, errorMessage, fieldErrors, request, serverNow } from './api.js';
import { clock, formatDateTime, formatDistance } from './format.js';
import { distanceKm } from './geo.js';
import { t, type MessageKey } from './i18n.svelte.js';
import { session } from './session.svelte.js';
import { readJson, writeJson } from './storage.js';

export type Scope = 'upcoming' | 'past';

/** A late cancel is within this long of the start (or after it); it lowers reliability. */
export const LATE_CANCEL_MS = 2 * 60 * 60 * 1000;

export const isLateCancel = (startsAt: string, now = serverNow()): boolean => Date.parse(startsAt) - now < LATE_CANCEL_MS;

const path = (id: string, action: string): string => `/assignments/${encodeURIComponent(id)}/${action}`;
const cacheKey = (scope: Scope): string => `lg.assignments.${scope}.${session.account?.id ?? 'anon'}`;

/** Cached on the phone: the address and the employer's number are needed on site with no signal. */
export function cachedAssignments(scope: Scope): WorkerAssignment[] | null {
  return readJson<WorkerAssignment[]>(cacheKey(scope));
}

export async function loadAssignments(scope: Scope): Promise<WorkerAssignment[]> {
  const list = await request<WorkerAssignment[]>('GET', `/workers/me/assignments?scope=${scope}`);
  writeJson(cacheKey(scope), list);
  return list;
}

export const checkIn = (id: string, location: LatLng) => request<WorkerAssignment>('POST', path(id, 'check-in'), { body: { location } });
export const checkOut = (id: string, location: LatLng) => request<WorkerAssignment>('POST', path(id, 'check-out'), { body: { location } });
export const cancelAssignment = (id: string, reason: string) =>
  request<{ assignment: WorkerAssignment; late: boolean }>('POST', path(id, 'cancel'), { body: { reason } });
export const confirmPaid = (id: string, paid: boolean) => request<WorkerAssignment>('POST', path(id, 'paid'), { body: { paid } });
export const rate = (id: string, stars: number) => request<unknown>('POST', path(id, 'rating'), { body: { stars } });
export const markAttendance = (id: string, status: 'completed' | 'no_show') =>
  request<unknown>('POST', path(id, 'attendance'), { body: { status } });

export async function openDispute(id: string, description: string): Promise<Dispute> {
  const dispute = await request<Dispute>('POST', path(id, 'dispute'), { body: { description } });
  // The API has no way to list disputes again: keep what it answered on this phone.
  const all = readJson<Record<string, Dispute[]>>(disputeKey()) ?? {};
  all[id] = [...(all[id] ?? []), dispute];
  writeJson(disputeKey(), all);
  return dispute;
}

const disputeKey = (): string => `lg.disputes.${session.account?.id ?? 'anon'}`;

export function savedDisputes(assignmentId: string): Dispute[] {
  return readJson<Record<string, Dispute[]>>(disputeKey())?.[assignmentId] ?? [];
}

/** An employer's ratings of workers: the API's hire list does not say whether one was given. */
const ratedKey = (): string => `lg.ratedWorkers.${session.account?.id ?? 'anon'}`;

export function savedRating(assignmentId: string): number | null {
  return readJson<Record<string, number>>(ratedKey())?.[assignmentId] ?? null;
}

export function saveRating(assignmentId: string, stars: number): void {
  const all = readJson<Record<string, number>>(ratedKey()) ?? {};
  all[assignmentId] = stars;
  writeJson(ratedKey(), all);
}

const KNOWN_CODES = ['TOO_FAR_FROM_SITE', 'OUTSIDE_SHIFT_TIME', 'ASSIGNMENT_NOT_ACTIVE', 'ALREADY_RATED'] as const;

/**
 * What to show for a refused action: the API's own (localised) message, else ours for
 * its code, plus a hint on what to do about it.
 */
export function problemOf(
  error: unknown,
  context: { shift?: PostedShift; rule?: CheckInRule; at?: LatLng | null } = {},
): { message: string; hint: string | null } {
  if (!(error instanceof ApiError)) return { message: errorMessage(error), hint: null };
  const code = KNOWN_CODES.find((known) => known === error.code);
  const message = error.message || (code ? t(`code.${code}` as MessageKey) : t('error.unknown'));
  let hint: string | null = null;
  const { shift, rule, at } = context;
  if (code === 'TOO_FAR_FROM_SITE') {
    // The API's detail names the distance it measured and the radius it is configured with.
    hint = fieldErrors(error).location ?? null;
    if (!hint && rule) {
      hint =
        shift && at
          ? t('hint.TOO_FAR_FROM_SITE', { distance: distanceText(distanceKm(at, shift.location)), radius: rule.radiusM })
          : t('hint.TOO_FAR_FROM_SITE.noFix', { radius: rule.radiusM });
    }
  } else if (code === 'OUTSIDE_SHIFT_TIME' && rule) {
    hint = t('hint.OUTSIDE_SHIFT_TIME', { from: formatDateTime(rule.opensAt), to: formatDateTime(rule.closesAt) });
  } else if (code === 'ASSIGNMENT_NOT_ACTIVE') {
    hint = t('hint.ASSIGNMENT_NOT_ACTIVE');
  }
  return { message, hint };
}

/** "350 米" under a kilometre, else "4.9 公里". */
export function distanceText(km: number): string {
  if (km < 1) return t('distance.m', { m: Math.max(1, Math.round(km * 1000)) });
  return formatDistance(km);
}

export function stampTime(stamp: SiteStamp | null): string | null {
  return stamp ? clock(new Date(stamp.at)) : null;
}

/** A `geo:` link for the phone's own map app. */
export function geoLink(at: LatLng, label: string): string {
  return `geo:${at.lat},${at.lng}?q=${at.lat},${at.lng}(${encodeURIComponent(label)})`;
}

/** Amap's URI API: opens the app if installed, else the mobile web page. */
export function amapLink(at: LatLng, name: string): string {
  return `https://uri.amap.com/marker?position=${at.lng},${at.lat}&name=${encodeURIComponent(name)}`;
}

/** Digits and + only, for a tel: link. */
export const telHref = (phone: string): string => 'tel:' + phone.replace(/[^\d+]/g, '');
