import type { OfferPayload, OfferReason } from '@linggong/protocol';
import { toOfferedShift, type ShiftRow } from '../shifts/shift.mapper.js';

export interface OfferRow {
  id: string;
  distanceKm: number;
  expiresAt: Date;
  reasons: unknown;
  shift: ShiftRow;
}

export function toOfferPayload(o: OfferRow): OfferPayload {
  const reasons = (o.reasons ?? {}) as { text?: string[]; details?: OfferReason[] };
  return {
    offerId: o.id,
    shift: toOfferedShift(o.shift),
    distanceKm: Math.round(o.distanceKm * 10) / 10,
    expiresAt: o.expiresAt.toISOString(),
    reasons: reasons.text ?? [],
    reasonDetails: reasons.details ?? [],
  };
}
