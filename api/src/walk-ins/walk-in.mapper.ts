import type { StaffOfferPayload, WalkIn } from '@linggong/protocol';
import { statedPriority } from '../presence/effective-priority.js';
import { toOfferPayload, type OfferRow } from '../offers/offer.payload.js';
import type { WorkerPresence } from '../presence/presence.store.js';
import { isPlaceholderPhone, type WalkInRow } from './walk-ins.repository.js';

export function toWalkIn(row: WalkInRow, presence: WorkerPresence | undefined, openOffers: number): WalkIn {
  const waiting = presence?.status === 'waiting';
  return {
    workerId: row.id,
    ticket: row.assistedTicket ?? '',
    name: row.name,
    trades: row.trades,
    phone: isPlaceholderPhone(row.account.phone) ? null : row.account.phone,
    birthYear: row.birthYear,
    ...statedPriority(row),
    status: waiting ? 'waiting' : 'offline',
    waitingSince: waiting ? new Date(presence.waitingSince).toISOString() : null,
    openOffers,
  };
}

export function toStaffOffer(o: OfferRow & { worker: { id: string; name: string; assistedTicket: string | null } }): StaffOfferPayload {
  return { ...toOfferPayload(o), workerId: o.worker.id, ticket: o.worker.assistedTicket ?? '', workerName: o.worker.name };
}
