import { Injectable } from '@nestjs/common';
import type { CaseUpdatedPayload } from '@linggong/protocol';
import { DomainEvents, type CaseEventPayload } from '../events/domain-events.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { WorkerFeed } from '../workers/worker.feed.js';
import { CasesRepository } from './cases.repository.js';

const ACTIONS = {
  'case.opened': 'opened',
  'case.taken': 'taken',
  'case.handed_over': 'handed_over',
  'case.noted': 'noted',
  'case.outcome': 'outcome',
  'case.closed': 'closed',
  'case.overdue': 'overdue',
} as const;

/** Both parties of a case hear of every step on their phone: `case:updated` on /worker and /employer. */
@Injectable()
export class CaseNotifier {
  constructor(
    private readonly events: DomainEvents,
    private readonly cases: CasesRepository,
    private readonly workers: WorkerFeed,
    private readonly registry: RealtimeRegistry,
  ) {}

  start(): void {
    for (const [name, action] of Object.entries(ACTIONS) as Array<[keyof typeof ACTIONS, string]>)
      this.events.on(name, (e) => this.tell(e, action));
  }

  private async tell(e: CaseEventPayload, action: string): Promise<void> {
    const c = await this.cases.find(e.caseId);
    if (!c) return;
    const payload: CaseUpdatedPayload = { caseId: c.id, status: c.status, action };
    if (c.workerId) this.workers.send([{ workerId: c.workerId, event: 'case:updated', payload }]);
    const employers = this.registry.employer;
    if (c.employerId && employers && this.registry.mayReach(employers, rooms.employer(c.employerId)))
      employers.to(rooms.employer(c.employerId)).emit('case:updated', payload);
  }
}
