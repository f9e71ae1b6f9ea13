import type { Logger } from 'pino';
import type { BoardService } from '../boards/board.service.js';
import type { OffersService } from '../dispatch/offers.service.js';
import type { DomainEventMap, DomainEvents } from '../events/domain-events.js';
import { KeyedQueue } from '../dispatch/keyed-queue.js';
import { toBoardShift } from '../shifts/shift.mapper.js';
import type { ShiftsService } from '../shifts/shifts.service.js';
import type { BoardFeed } from './board.feed.js';
import { RealtimeRegistry, rooms } from './realtime.registry.js';

/** The one place where domain events become socket events: phones, employers and boards. */
export class Notifier {
  private readonly perShift = new KeyedQueue();

  constructor(
    private readonly events: DomainEvents,
    private readonly registry: RealtimeRegistry,
    private readonly offers: OffersService,
    private readonly shifts: ShiftsService,
    private readonly boards: BoardService,
    private readonly feed: BoardFeed,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.events.on('offers.sent', async ({ shiftId, offers }) => {
      this.pushOffers(shiftId, offers);
      await this.toEmployer(shiftId);
    });
    this.events.on('offers.withdrawn', ({ offers, reason }) => {
      for (const o of offers) this.registry.worker?.to(rooms.worker(o.workerId)).emit('offer:withdrawn', { offerId: o.offerId, reason });
    });
    this.events.on('assignment.cancelled', ({ assignmentId, shiftId, workerId, reason }) => {
      this.registry.worker?.to(rooms.worker(workerId)).emit('assignment:cancelled', { assignmentId, shiftId, reason });
    });
    // One queue per shift: its board deltas leave in the order the domain events happened.
    this.events.on('shift.opened', ({ shiftId }) => this.perShift.run(shiftId, () => this.shiftToBoards(shiftId, 'shift:opened')));
    this.events.on('shift.changed', ({ shiftId }) =>
      this.perShift.run(shiftId, async () => {
        await this.shiftToBoards(shiftId, 'shift:updated');
        await this.toEmployer(shiftId);
      }),
    );
    this.events.on('shift.closed', ({ shiftId, reason }) =>
      this.perShift.run(shiftId, async () => {
        const shift = await this.shifts.get(shiftId);
        if (reason === 'cancelled') this.boards.forgetRatios();
        await Promise.all(this.boards.marketsShowing(shift).map((m) => this.feed.send(m.id, 'shift:closed', { shiftId, reason })));
        this.feed.statsChanged();
        await this.toEmployer(shiftId);
      }),
    );
    this.events.on('presence.changed', ({ status }) => {
      if (status === 'waiting') this.boards.forgetRatios();
      this.feed.statsChanged();
    });
  }

  /** The hot path of a wave: one emit per offer (the bench reads this function's share of CPU). */
  private pushOffers(shiftId: string, offers: DomainEventMap['offers.sent']['offers']): void {
    for (const { workerId, payload } of offers) {
      this.registry.worker?.to(rooms.worker(workerId)).emit('offer', payload);
      this.log.debug({ event: 'offer.pushed', offerId: payload.offerId, workerId, shiftId }, 'offer pushed');
    }
  }

  private async shiftToBoards(shiftId: string, event: 'shift:opened' | 'shift:updated'): Promise<void> {
    if (event === 'shift:opened') this.boards.forgetRatios();
    const shift = await this.shifts.get(shiftId);
    if (event === 'shift:updated' && shift.status !== 'open' && shift.status !== 'filled') return;
    await Promise.all(
      this.boards.marketsShowing(shift).map((m) => this.feed.send(m.id, event, { shift: toBoardShift(shift, m.location) })),
    );
    this.feed.statsChanged();
  }

  private async toEmployer(shiftId: string): Promise<void> {
    const nsp = this.registry.employer;
    if (!nsp) return;
    const shift = await this.shifts.get(shiftId);
    nsp.to(rooms.employer(shift.employerId)).emit('shift:updated', { shift: await this.shifts.employerView(shift) });
  }
}
