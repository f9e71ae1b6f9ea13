/**
 * Orders a market's board deltas by `seq`. A delta applies only right after the
 * one before it; on a gap the board asks for a fresh snapshot (`board:resync`),
 * and deltas that arrive meanwhile are held and replayed if they follow it.
 */
export interface Sequenced {
  seq: number;
}

export interface GateVerdict<D> {
  /** Deltas to apply now, in order. */
  ready: D[];
  /** True when the board must ask for a fresh snapshot. */
  resync: boolean;
}

/** Enough for a burst during a resync; beyond it the oldest go and another resync follows. */
const MAX_HELD = 1000;

export class SeqGate<D extends Sequenced> {
  #last: number | null = null;
  #held: D[] = [];
  #awaitingSnapshot = true;

  get lastSeq(): number | null {
    return this.#last;
  }

  /** True until a snapshot is in place: at start, after a gap, after a disconnect. */
  get awaitingSnapshot(): boolean {
    return this.#awaitingSnapshot;
  }

  receive(delta: D): GateVerdict<D> {
    if (this.#awaitingSnapshot || this.#last === null) {
      this.#hold(delta);
      return { ready: [], resync: false };
    }
    if (delta.seq <= this.#last) return { ready: [], resync: false }; // already applied
    if (delta.seq === this.#last + 1) {
      this.#last = delta.seq;
      return { ready: [delta], resync: false };
    }
    this.#awaitingSnapshot = true;
    this.#hold(delta);
    return { ready: [], resync: true };
  }

  /** A snapshot at `seq` replaced the board: replay the held deltas that follow it. */
  snapshot(seq: number): GateVerdict<D> {
    const held = this.#held.filter((d) => d.seq > seq).sort((a, b) => a.seq - b.seq);
    this.#held = [];
    this.#last = seq;
    this.#awaitingSnapshot = false;
    const ready: D[] = [];
    for (const [index, delta] of held.entries()) {
      if (delta.seq === this.#last) continue; // the same delta received twice
      if (delta.seq !== this.#last + 1) {
        this.#held = held.slice(index);
        this.#awaitingSnapshot = true;
        return { ready, resync: true };
      }
      ready.push(delta);
      this.#last = delta.seq;
    }
    return { ready, resync: false };
  }

  /** The connection dropped: whatever arrives next is judged against the next snapshot. */
  suspend(): void {
    this.#held = [];
    this.#awaitingSnapshot = true;
  }

  #hold(delta: D): void {
    this.#held.push(delta);
    if (this.#held.length > MAX_HELD) this.#held.shift();
  }
}
