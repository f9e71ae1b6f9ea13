import { Inject, Injectable } from '@nestjs/common';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { WORKER_BUS, type WorkerBus, type WorkerMessage } from './worker-bus.js';

/** Events to workers' phones: sent through the worker bus, emitted by each instance to its own sockets only. */
@Injectable()
export class WorkerFeed {
  constructor(
    @Inject(WORKER_BUS) private readonly bus: WorkerBus,
    private readonly registry: RealtimeRegistry,
  ) {
    bus.onDeliver((messages) => this.emitHere(messages));
  }

  send(messages: WorkerMessage[]): void {
    this.bus.send(messages);
  }

  /** Most of a batch is for phones on other instances (or offline): only rooms held here are emitted to. */
  private emitHere(messages: WorkerMessage[]): void {
    const nsp = this.registry.worker;
    if (!nsp) return;
    const held = nsp.adapter.rooms;
    for (const { workerId, event, payload } of messages) {
      const room = rooms.worker(workerId);
      // tsc wants the cast (a union of payloads against per-event signatures), the linter's view of the types not.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      if (held.has(room)) nsp.local.to(room).emit(event, payload as never);
    }
  }
}
