import type { WorkerServerEvents } from '@linggong/protocol';

export type WorkerEvent = keyof WorkerServerEvents;

export interface WorkerMessage<E extends WorkerEvent = WorkerEvent> {
  workerId: string;
  event: E;
  payload: Parameters<WorkerServerEvents[E]>[0];
}

export type WorkerDeliver = (messages: WorkerMessage[]) => void;

/**
 * Events for workers' phones, in batches: a wave of offers or a slice of withdrawals. Each instance
 * delivers a batch to its own sockets; with Redis, the batch reaches the other instances as one message
 * instead of one adapter publish per socket event.
 */
export interface WorkerBus {
  send(messages: WorkerMessage[]): void;
  onDeliver(deliver: WorkerDeliver): void;
  /** Subscribes to the other instances' batches (Redis) before anything is sent. */
  start?(): Promise<void>;
}

export const WORKER_BUS = Symbol('WORKER_BUS');
