import type { BoardShift, EmployerShift, PostedShift } from '@linggong/protocol';
import { termsOf, wageOf, type ShiftRow } from '../common/shift-row.js';
import { distanceKm, roundKm } from '../common/geo.js';
import { tradeByCode } from '../reference/trades.js';

/** The public view of a shift (anyone, board QR targets): no phone, no personal name. */
export function toShiftView(s: ShiftRow): PostedShift {
  return {
    id: s.id,
    status: s.status,
    title: s.title,
    trade: s.trade,
    headcount: s.headcount,
    filled: s.filled,
    wage: wageOf(s),
    location: { lat: s.lat, lng: s.lng },
    address: s.address,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    terms: termsOf(s),
    marketId: s.marketId,
    regionCode: s.regionCode,
    description: s.description,
    employerName: s.employer.name,
    createdAt: s.createdAt.toISOString(),
  };
}

export function toBoardShift(s: ShiftRow, market: { lat: number; lng: number }): BoardShift {
  const trade = tradeByCode(s.trade);
  return {
    id: s.id,
    title: s.title,
    trade: s.trade,
    tradeName: trade?.name ?? s.trade,
    tradeNameEn: trade?.nameEn ?? s.trade,
    wage: wageOf(s),
    location: { lat: s.lat, lng: s.lng },
    address: s.address,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    headcount: s.headcount,
    filled: s.filled,
    remaining: Math.max(0, s.headcount - s.filled),
    status: s.status,
    terms: termsOf(s),
    employerName: s.employer.name,
    distanceKm: roundKm(distanceKm(market, { lat: s.lat, lng: s.lng })),
    postedAt: s.createdAt.toISOString(),
  };
}

export interface EmployerShiftExtras {
  offersOpen: number;
  offersSent: number;
  hires: EmployerShift['hires'];
}

export function toEmployerShift(s: ShiftRow, extras: EmployerShiftExtras): EmployerShift {
  return {
    id: s.id,
    title: s.title,
    trade: s.trade,
    status: s.status,
    headcount: s.headcount,
    filled: s.filled,
    wage: wageOf(s),
    location: { lat: s.lat, lng: s.lng },
    address: s.address,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    terms: termsOf(s),
    marketId: s.marketId,
    description: s.description,
    wave: s.wave,
    radiusKm: s.radiusKm,
    createdAt: s.createdAt.toISOString(),
    ...extras,
  };
}
