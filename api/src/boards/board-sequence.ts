/** Per-market delta numbers for the boards; gap-free so a board can tell when it missed one. */
export interface BoardSequence {
  next(marketId: string): Promise<number>;
  current(marketId: string): Promise<number>;
}

export const BOARD_SEQUENCE = Symbol('BOARD_SEQUENCE');

export class MemoryBoardSequence implements BoardSequence {
  private readonly values = new Map<string, number>();

  async next(marketId: string): Promise<number> {
    const value = (this.values.get(marketId) ?? 0) + 1;
    this.values.set(marketId, value);
    return value;
  }

  async current(marketId: string): Promise<number> {
    return this.values.get(marketId) ?? 0;
  }
}
