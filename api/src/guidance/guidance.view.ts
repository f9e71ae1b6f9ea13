import type { GuidanceBookingView, GuidanceSlotView } from '@linggong/protocol';
import type { BookingRow, CountedSlot, WorkerFacts } from './guidance.repository.js';

export function toSlotView(s: CountedSlot): GuidanceSlotView {
  return {
    id: s.id,
    marketId: s.marketId,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    counsellor: s.counsellor,
    capacity: s.capacity,
    taken: s.taken,
    freePlaces: Math.max(0, s.capacity - s.taken),
  };
}

export function toBookingView(b: BookingRow, worker: WorkerFacts | undefined): GuidanceBookingView {
  return {
    id: b.id,
    slotId: b.slotId,
    marketId: b.marketId,
    workerId: b.workerId,
    workerName: worker?.name ?? null,
    walkIn: b.bookedBy !== b.workerId,
    bookedBy: b.bookedBy,
    status: b.status,
    notes: b.notes,
    referredTo: b.referredTo,
    outcomeAt: b.outcomeAt?.toISOString() ?? null,
    remindedAt: b.remindedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    slot: { startsAt: b.slot.startsAt.toISOString(), endsAt: b.slot.endsAt.toISOString(), counsellor: b.slot.counsellor },
  };
}
