import type { WorkerBus, WorkerDeliver, WorkerMessage } from './worker-bus.js';

/** One process: a batch goes straight to this instance's sockets. */
export class MemoryWorkerBus implements WorkerBus {
  private deliver: WorkerDeliver = () => {};

  onDeliver(deliver: WorkerDeliver): void {
    this.deliver = deliver;
  }

  send(messages: WorkerMessage[]): void {
    if (messages.length) this.deliver(messages);
  }
}
