import { Injectable, type OnModuleInit } from '@nestjs/common';
import { KeyedQueue } from '../common/keyed-queue.js';
import { DomainEvents } from '../events/domain-events.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { ShiftsService } from '../shifts/shifts.service.js';

/** Domain events become the employer's view of their shift (`shift:updated` to the employer's room). */
@Injectable()
export class EmployerNotifier implements OnModuleInit {
  private readonly perShift = new KeyedQueue();
  /** Shifts with a view already queued and not yet started, per trigger: that one will read the newest state. */
  private readonly afterOffers = new Set<string>();
  private readonly afterChange = new Set<string>();

  constructor(
    private readonly events: DomainEvents,
    private readonly registry: RealtimeRegistry,
    private readonly shifts: ShiftsService,
  ) {}

  onModuleInit(): void {
    this.events.on('offers.sent', ({ shiftId }) => this.coalesced(this.afterOffers, shiftId));
    this.events.on('shift.changed', ({ shiftId }) => this.coalesced(this.afterChange, shiftId));
    this.events.on('shift.closed', ({ shiftId }) => this.perShift.run(shiftId, () => this.toEmployer(shiftId)));
  }

  /** Queues a view in the shift's order unless one for the same trigger is already queued and not started. */
  private async coalesced(queued: Set<string>, shiftId: string): Promise<void> {
    if (queued.has(shiftId)) return;
    queued.add(shiftId);
    await this.perShift.run(shiftId, () => {
      queued.delete(shiftId);
      return this.toEmployer(shiftId);
    });
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
