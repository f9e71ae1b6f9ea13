import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerBus, WorkerDeliver, WorkerMessage } from './worker-bus.js';
import { subscribeTo } from '../redis/subscribe.js';

interface Envelope {
  /** The sending instance, which has delivered the batch to its own sockets already. */
  from: string;
  messages: WorkerMessage[];
}

/** Worker events over one Redis channel: delivered here at once, then published once for the other instances. */
export class RedisWorkerBus implements WorkerBus {
  private deliver: WorkerDeliver = () => {};
  private readonly channel: string;
  /** This process, told apart from the others whatever INSTANCE_ID says. */
  private readonly instanceId = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}worker:events`;
  }

  start(): Promise<void> {
    return subscribeTo(this.subscriber, this.channel, (message) => this.receive(message));
  }

  onDeliver(deliver: WorkerDeliver): void {
    this.deliver = deliver;
  }

  send(messages: WorkerMessage[]): void {
    if (!messages.length) return;
    this.deliver(messages);
    const envelope: Envelope = { from: this.instanceId, messages };
    this.redis.publish(this.channel, JSON.stringify(envelope)).catch((err: unknown) => {
      this.log.error({ err, messages: messages.length }, 'worker events not published to the other instances');
    });
  }

  private receive(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (err) {
      this.log.error({ err }, 'bad worker events from Redis');
      return;
    }
    if (envelope.from !== this.instanceId) this.deliver(envelope.messages);
  }
}
