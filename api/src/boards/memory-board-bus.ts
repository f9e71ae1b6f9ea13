import type { BoardBus, BoardDeliver, BoardDelta, BoardDeltaBody } from './board-bus.js';

/** One process: numbers each market's deltas and hands them straight to this instance's boards. */
export class MemoryBoardBus implements BoardBus {
  private readonly seqs = new Map<string, number>();
  private deliver: BoardDeliver = () => {};

  onDeliver(deliver: BoardDeliver): void {
    this.deliver = deliver;
  }

  async publish<E extends BoardDelta>(marketId: string, event: E, body: BoardDeltaBody<E>): Promise<number> {
    const seq = (this.seqs.get(marketId) ?? 0) + 1;
    this.seqs.set(marketId, seq);
    this.deliver(marketId, event, { seq, ...body });
    return seq;
  }

  async current(marketId: string): Promise<number> {
    return this.seqs.get(marketId) ?? 0;
  }
}
