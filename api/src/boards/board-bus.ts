import type { BoardServerEvents } from '@linggong/protocol';

/** Numbered deltas; `market:updated` (it replaces the market, like a snapshot) and `ticket:called` are not. */
export type BoardDelta = Exclude<keyof BoardServerEvents, 'board:snapshot' | 'market:updated' | 'ticket:called'>;
export type BoardDeltaBody<E extends BoardDelta> = Omit<Parameters<BoardServerEvents[E]>[0], 'seq'>;
export type BoardDeliver = (marketId: string, event: BoardDelta, payload: { seq: number } & object) => void;

/**
 * Numbers a market's board deltas and hands them, in number order, to every instance's local boards.
 * Numbering and delivery are one step, so no board ever sees seq n+1 before n.
 */
export interface BoardBus {
  publish<E extends BoardDelta>(marketId: string, event: E, body: BoardDeltaBody<E>): Promise<number>;
  current(marketId: string): Promise<number>;
  onDeliver(deliver: BoardDeliver): void;
  /** Subscribes to the other instances' deltas (Redis) before anything is published. */
  start?(): Promise<void>;
}

export const BOARD_BUS = Symbol('BOARD_BUS');
