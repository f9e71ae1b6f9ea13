import type { WorkerBus, WorkerMessage } from './worker-bus.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';

/** Events to workers' phones: sent through the worker bus, emitted by each instance to its own sockets only. */
export class WorkerFeed {
  constructor(
    private readonly bus: WorkerBus,
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
      if (held.has(room)) nsp.local.to(room).emit(event, payload);
    }
  }
}
