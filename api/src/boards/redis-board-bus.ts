import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BoardBus, BoardDeliver, BoardDelta, BoardDeltaBody } from './board-bus.js';
import { subscribeTo } from '../redis/subscribe.js';

// INCR and PUBLISH in one script: Redis runs scripts one at a time, so every subscriber receives a
// market's deltas in seq order. A lost counter (Redis restarted empty) restarts at the current time in
// milliseconds, above any old value unless a market saw more than one delta per millisecond, so boards
// see a jump, resync, and never a number going backwards. %d keeps Lua from printing 1.7e+12.
const PUBLISH_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', KEYS[2], string.format('%d', seq) .. '\\n' .. ARGV[2])
return seq`;

interface Envelope {
  m: string;
  e: BoardDelta;
  b: object;
}

export class RedisBoardBus implements BoardBus {
  private deliver: BoardDeliver = () => {};
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}board:deltas`;
  }

  start(): Promise<void> {
    return subscribeTo(this.subscriber, this.channel, (message) => this.receive(message));
  }

  onDeliver(deliver: BoardDeliver): void {
    this.deliver = deliver;
  }

  async publish<E extends BoardDelta>(marketId: string, event: E, body: BoardDeltaBody<E>): Promise<number> {
    const envelope: Envelope = { m: marketId, e: event, b: body };
    const seq = await this.redis.eval(PUBLISH_SCRIPT, 2, this.seqKey(marketId), this.channel, Date.now(), JSON.stringify(envelope));
    return Number(seq);
  }

  /** Starts a market's counter the same way the publish script would, so a snapshot's seq is the base. */
  async current(marketId: string): Promise<number> {
    const key = this.seqKey(marketId);
    await this.redis.set(key, Date.now(), 'NX');
    return Number(await this.redis.get(key));
  }

  private receive(message: string): void {
    const cut = message.indexOf('\n');
    try {
      const seq = Number(message.slice(0, cut));
      const { m, e, b } = JSON.parse(message.slice(cut + 1)) as Envelope;
      this.deliver(m, e, { seq, ...b });
    } catch (err) {
      this.log.error({ err }, 'bad board delta from Redis');
    }
  }

  private seqKey(marketId: string): string {
    return `${this.prefix}board:seq:${marketId}`;
  }
}
