import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { type Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';

export const BOOKING_INCLUDE = { slot: true } satisfies Prisma.GuidanceBookingInclude;
export type BookingRow = Prisma.GuidanceBookingGetPayload<{ include: typeof BOOKING_INCLUDE }>;
export type SlotRow = Prisma.GuidanceSlotGetPayload<object>;
/** A slot with the number of its places taken (bookings booked or attended). */
export type CountedSlot = SlotRow & { taken: number };

export interface WorkerFacts {
  id: string;
  name: string;
  assisted: boolean;
  homeMarketId: string | null;
  phone: string;
}

const TAKING = { in: ['booked', 'attended'] } satisfies Prisma.EnumGuidanceBookingStatusFilter;

/** The only code that touches GuidanceSlot and GuidanceBooking. */
@Injectable()
export class GuidanceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  createSlot(s: { marketId: string; startsAt: Date; endsAt: Date; counsellor: string; capacity: number; createdBy: string }) {
    return this.prisma.guidanceSlot.create({ data: s });
  }

  findSlot(id: string): Promise<SlotRow | null> {
    return this.prisma.guidanceSlot.findUnique({ where: { id } });
  }

  /** Slots of a market overlapping [from, to), oldest first, each with its places taken. */
  async slots(marketId: string, where: { endsAfter?: Date; startsFrom?: Date; startsBefore?: Date }, limit = 200): Promise<CountedSlot[]> {
    const rows = await this.prisma.guidanceSlot.findMany({
      where: {
        marketId,
        ...(where.endsAfter ? { endsAt: { gt: where.endsAfter } } : {}),
        ...(where.startsFrom || where.startsBefore ? { startsAt: { gte: where.startsFrom, lt: where.startsBefore } } : {}),
      },
      orderBy: { startsAt: 'asc' },
      take: limit,
      include: { _count: { select: { bookings: { where: { status: TAKING } } } } },
    });
    return rows.map(({ _count, ...slot }) => ({ ...slot, taken: _count.bookings }));
  }

  /**
   * Books a place. The slot row is locked (FOR UPDATE) before its places are counted, so concurrent
   * bookings on any number of instances queue behind each other and never exceed the capacity; the
   * unique (slotId, workerId) key is the backstop against a worker booking twice.
   */
  async book(slotId: string, workerId: string, bookedBy: string, now: Date): Promise<BookingRow> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const [slot] = await tx.$queryRaw<Array<{ capacity: number; endsAt: Date; marketId: string }>>`
          SELECT capacity, "endsAt", "marketId" FROM "GuidanceSlot" WHERE id = ${slotId} FOR UPDATE`;
        if (!slot) throw new AppError('NOT_FOUND');
        if (slot.endsAt <= now) throw new AppError('SLOT_ENDED');
        if (await tx.guidanceBooking.findUnique({ where: { slotId_workerId: { slotId, workerId } } })) throw new AppError('ALREADY_BOOKED');
        const taken = await tx.guidanceBooking.count({ where: { slotId, status: TAKING } });
        if (taken >= slot.capacity) throw new AppError('SLOT_FULL');
        return tx.guidanceBooking.create({
          data: { slotId, workerId, bookedBy, marketId: slot.marketId, createdAt: now },
          include: BOOKING_INCLUDE,
        });
      }, TX_OPTIONS);
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw new AppError('ALREADY_BOOKED');
      throw err;
    }
  }

  findBooking(id: string): Promise<BookingRow | null> {
    return this.prisma.guidanceBooking.findUnique({ where: { id }, include: BOOKING_INCLUDE });
  }

  /**
   * Records staff's outcome once: over a booking still open or one the sweep marked a no-show (a worker
   * who came late), never over another staff record. Null when someone recorded it first.
   */
  async recordOutcome(
    id: string,
    o: { attended: boolean; notes?: string; referredTo?: string; by: string; at: Date },
  ): Promise<BookingRow | null> {
    const { count } = await this.prisma.guidanceBooking.updateMany({
      where: { id, outcomeBy: null },
      data: {
        status: o.attended ? 'attended' : 'no_show',
        notes: o.notes ?? null,
        referredTo: o.referredTo ?? null,
        outcomeBy: o.by,
        outcomeAt: o.at,
      },
    });
    return count ? this.findBooking(id) : null;
  }

  workerBookings(workerId: string, limit = 50): Promise<BookingRow[]> {
    return this.prisma.guidanceBooking.findMany({
      where: { workerId },
      orderBy: { slot: { startsAt: 'desc' } },
      take: limit,
      include: BOOKING_INCLUDE,
    });
  }

  bookingsOfSlots(slotIds: string[]): Promise<BookingRow[]> {
    return this.prisma.guidanceBooking.findMany({
      where: { slotId: { in: slotIds } },
      orderBy: { createdAt: 'asc' },
      include: BOOKING_INCLUDE,
    });
  }

  /** Open bookings whose slot starts before `before` and has not ended, not yet reminded. */
  dueReminders(now: Date, before: Date, limit = 500): Promise<BookingRow[]> {
    return this.prisma.guidanceBooking.findMany({
      where: { status: 'booked', remindedAt: null, slot: { startsAt: { lte: before }, endsAt: { gt: now } } },
      take: limit,
      include: BOOKING_INCLUDE,
    });
  }

  /** Marks the reminder sent; false when another instance did first. */
  async claimReminder(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.guidanceBooking.updateMany({ where: { id, remindedAt: null, status: 'booked' }, data: { remindedAt: at } });
    return count === 1;
  }

  /** Bookings still open after their slot ended before `endedBefore`. */
  missed(endedBefore: Date, limit = 500): Promise<BookingRow[]> {
    return this.prisma.guidanceBooking.findMany({
      where: { status: 'booked', slot: { endsAt: { lt: endedBefore } } },
      take: limit,
      include: BOOKING_INCLUDE,
    });
  }

  /** Marks a no-show (the sweep: no outcomeBy); false when staff recorded an outcome or another instance did first. */
  async markNoShow(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.guidanceBooking.updateMany({ where: { id, status: 'booked' }, data: { status: 'no_show', outcomeAt: at } });
    return count === 1;
  }

  async workers(ids: string[]): Promise<Map<string, WorkerFacts>> {
    const rows = await this.prisma.workerProfile.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: { id: true, name: true, assisted: true, homeMarketId: true, account: { select: { phone: true } } },
    });
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, assisted: r.assisted, homeMarketId: r.homeMarketId, phone: r.account.phone }]));
  }
}
