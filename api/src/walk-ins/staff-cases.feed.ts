import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, type DomainEventName } from '../events/domain-events.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';

/** Every step of a market's cases, overdue ones included, refreshes the consoles at its window. */
const CASE_STEPS: DomainEventName[] = [
  'case.opened',
  'case.taken',
  'case.handed_over',
  'case.noted',
  'case.outcome',
  'case.closed',
  'case.overdue',
];

/**
 * Tells the `/staff` room of a case's market that the case changed. An admin's console joins the rooms of
 * every market in the admin's region, so an overdue case (escalated once, by the cases module) reaches the
 * market's admins as well as its staff.
 */
@Injectable()
export class StaffCasesFeed implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly registry: RealtimeRegistry,
  ) {}

  onModuleInit(): void {
    for (const step of CASE_STEPS) {
      this.events.on(step, (payload) => {
        const { caseId, marketId } = payload as { caseId: string; marketId: string };
        this.registry.staff?.to(rooms.staff(marketId)).emit('case:changed', { caseId, marketId });
      });
    }
  }
}
