import { Injectable, type OnModuleInit } from '@nestjs/common';
import { KeyedQueue } from '../common/keyed-queue.js';
import type { ShiftRow } from '../common/shift-row.js';
import { DomainEvents } from '../events/domain-events.js';
import { toBoardShift } from '../shifts/shift.mapper.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { BoardFeed } from './board.feed.js';
import { BoardService } from './board.service.js';

/** Domain events become market board deltas: shifts opened, updated and closed near a market, and its figures. */
@Injectable()
export class BoardNotifier implements OnModuleInit {
  private readonly perShift = new KeyedQueue();
  /** Shifts with an update already queued and not yet started: that one will read the newest state. */
  private readonly updateQueued = new Set<string>();

  constructor(
    private readonly events: DomainEvents,
    private readonly shifts: ShiftsService,
    private readonly boards: BoardService,
    private readonly feed: BoardFeed,
  ) {}

  onModuleInit(): void {
    // One queue per shift: its board deltas leave in the order the domain events happened.
    this.events.on('shift.opened', ({ shiftId, shift }) =>
      this.perShift.run(shiftId, () => this.shiftToBoards(shiftId, 'shift:opened', shift)),
    );
    // A burst of hires becomes one or two updates carrying the latest count, not one database read each.
    this.events.on('shift.changed', ({ shiftId }) => this.coalesced(shiftId, () => this.shiftToBoards(shiftId, 'shift:updated')));
    this.events.on('shift.closed', ({ shiftId, reason }) =>
      this.perShift.run(shiftId, async () => {
        const shift = await this.shifts.get(shiftId);
        if (reason === 'cancelled') this.boards.forgetRatios();
        await Promise.all(this.boards.marketsShowing(shift).map((m) => this.feed.send(m.id, 'shift:closed', { shiftId, reason })));
        this.feed.statsChanged();
      }),
    );
    this.events.on('presence.changed', ({ status }) => {
      if (status === 'waiting') this.boards.forgetRatios();
      this.feed.statsChanged();
    });
  }

  /** Queues the update in the shift's order unless one is already queued and not started. */
  private async coalesced(shiftId: string, task: () => Promise<void>): Promise<void> {
    if (this.updateQueued.has(shiftId)) return;
    this.updateQueued.add(shiftId);
    await this.perShift.run(shiftId, () => {
      this.updateQueued.delete(shiftId);
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
}
