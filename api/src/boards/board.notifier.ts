import type { Logger } from 'pino';
import type { BoardService } from './board.service.js';
import type { DomainEventMap, DomainEvents } from '../events/domain-events.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import type { ShiftRow } from '../common/shift-row.js';
import { toBoardShift } from '../shifts/shift.mapper.js';
import type { ShiftsService } from '../shifts/shifts.service.js';
import type { BoardFeed } from './board.feed.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import type { WorkerFeed } from '../workers/worker.feed.js';

/** The one place where domain events become socket events: phones, employers and boards. */
export class Notifier {
  private readonly perShift = new KeyedQueue();
  /** Shifts with an update already queued and not yet started: that one will read the newest state. */
  private readonly updateQueued = new Set<string>();
  private readonly employerViewQueued = new Set<string>();

  constructor(
    private readonly events: DomainEvents,
    private readonly registry: RealtimeRegistry,
    private readonly workers: WorkerFeed,
    private readonly shifts: ShiftsService,
    private readonly boards: BoardService,
    private readonly feed: BoardFeed,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.events.on('offers.sent', async ({ shiftId, offers }) => {
      this.pushOffers(shiftId, offers);
      await this.coalesced(this.employerViewQueued, shiftId, () => this.toEmployer(shiftId));
    });
    this.events.on('offers.withdrawn', ({ offers, reason }) => {
      this.workers.send(offers.map((o) => ({ workerId: o.workerId, event: 'offer:withdrawn', payload: { offerId: o.offerId, reason } })));
    });
    this.events.on('assignment.cancelled', ({ assignmentId, shiftId, workerId, reason }) => {
      this.workers.send([{ workerId, event: 'assignment:cancelled', payload: { assignmentId, shiftId, reason } }]);
    });
    // One queue per shift: its board deltas leave in the order the domain events happened.
    this.events.on('shift.opened', ({ shiftId, shift }) =>
      this.perShift.run(shiftId, () => this.shiftToBoards(shiftId, 'shift:opened', shift)),
    );
    // A burst of hires becomes one or two updates carrying the latest count, not one database read each.
    this.events.on('shift.changed', ({ shiftId }) =>
      this.coalesced(this.updateQueued, shiftId, async () => {
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

  /** The hot path of a wave: one batch for the whole wave (the bench reads this function's share of CPU). */
  private pushOffers(shiftId: string, offers: DomainEventMap['offers.sent']['offers']): void {
    this.workers.send(offers.map(({ workerId, payload }) => ({ workerId, event: 'offer', payload })));
    if (this.log.isLevelEnabled('debug'))
      for (const { workerId, payload } of offers)
        this.log.debug({ event: 'offer.pushed', offerId: payload.offerId, workerId, shiftId }, 'offer pushed');
  }

  /** Queues the task in the shift's order unless the same kind of task is already queued and not started. */
  private async coalesced(queued: Set<string>, shiftId: string, task: () => Promise<void>): Promise<void> {
    if (queued.has(shiftId)) return;
    queued.add(shiftId);
    await this.perShift.run(shiftId, () => {
      queued.delete(shiftId);
      return task();
    });
  }

  private async shiftToBoards(shiftId: string, event: 'shift:opened' | 'shift:updated', known?: ShiftRow): Promise<void> {
    if (event === 'shift:opened') this.boards.forgetRatios();
    const shift = known ?? (await this.shifts.get(shiftId));
    if (event === 'shift:updated' && shift.status !== 'open' && shift.status !== 'filled') return;
    await Promise.all(
      this.boards.marketsShowing(shift).map((m) => this.feed.send(m.id, event, { shift: toBoardShift(shift, m.location) })),
    );
    this.feed.statsChanged();
  }

  private async toEmployer(shiftId: string): Promise<void> {
    const nsp = this.registry.employer;
    if (!nsp || !this.registry.mayReach(nsp)) return;
    const shift = await this.shifts.get(shiftId);
    const room = rooms.employer(shift.employerId);
    if (!this.registry.mayReach(nsp, room)) return;
    nsp.to(room).emit('shift:updated', { shift: await this.shifts.employerView(shift) });
  }
}
