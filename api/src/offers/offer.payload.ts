import type { OfferedShift, OfferPayload, OfferReason } from '@linggong/protocol';
import { toOfferedShift, type ShiftRow } from '../common/shift-row.js';

export interface OfferFields {
  id: string;
  distanceKm: number;
  expiresAt: Date;
  reasons: unknown;
}

export interface OfferRow extends OfferFields {
  shift: ShiftRow;
}

export function toOfferPayload(o: OfferRow): OfferPayload {
  return offerPayload(o, toOfferedShift(o.shift));
}

/** One offer of a wave: the wave's offers share the shift's payload, built once. */
export function offerPayload(o: OfferFields, shift: OfferedShift): OfferPayload {
  const reasons = (o.reasons ?? {}) as { text?: string[]; details?: OfferReason[] };
  return {
    offerId: o.id,
    shift,
    distanceKm: Math.round(o.distanceKm * 10) / 10,
    expiresAt: o.expiresAt.toISOString(),
    reasons: reasons.text ?? [],
    reasonDetails: reasons.details ?? [],
  };
}
