import type { OfferedShift, ShiftTerms, WageUnit } from '@linggong/protocol';
import type { Prisma } from '../generated/prisma/client.js';

/** What every shift read includes: the employer's name (boards, offers and views all show it). */
export const SHIFT_WITH_EMPLOYER = { employer: { select: { name: true } } } as const;

/** A shift as read with `SHIFT_WITH_EMPLOYER`: shifts, offers, dispatch and boards all pass it around. */
export type ShiftRow = Prisma.ShiftGetPayload<{ include: typeof SHIFT_WITH_EMPLOYER }>;

export function termsOf(s: ShiftRow): ShiftTerms {
  return {
    transportProvided: s.transportProvided,
    mealsProvided: s.mealsProvided,
    nightWork: s.nightWork,
    physicalDemand: s.physicalDemand as ShiftTerms['physicalDemand'],
    olderFriendly: s.olderFriendly,
  };
}

export const wageOf = (s: { wageAmount: Prisma.Decimal; wageUnit: string }) => ({
  amount: Number(s.wageAmount),
  unit: s.wageUnit as WageUnit,
});

/** The shift as an offer carries it to a worker's phone. */
export function toOfferedShift(s: ShiftRow): OfferedShift {
  return {
    id: s.id,
    title: s.title,
    trade: s.trade,
    wage: wageOf(s),
    location: { lat: s.lat, lng: s.lng },
    address: s.address,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    terms: termsOf(s),
    employerName: s.employer.name,
    description: s.description,
  };
}
