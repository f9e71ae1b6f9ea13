/**
 * Items taken out nearest first, ties in the order they were added (the order a stable sort gives).
 * A binary heap over indices into reused buffers: a search that stops after a few cells orders only
 * those few, and a search allocates nothing once the buffers have grown to its size.
 */
export class NearestFirst<T> {
  private items: Array<T | undefined> = [];
  private km = new Float64Array(64);
  /** Indices into `items` and `km`; a heap once `ordered`. */
  private heap = new Int32Array(64);
  private added = 0;
  private size = 0;
  private ordered = true;

  get isEmpty(): boolean {
    return this.size === 0;
  }

  add(item: T, km: number): void {
    const i = this.added++;
    if (i === this.km.length) this.grow();
    this.items[i] = item;
    this.km[i] = km;
    this.heap[this.size++] = i;
    this.ordered = false;
  }

  /** The distance of the nearest item left; NaN when empty. */
  nearestKm(): number {
    if (!this.ordered) this.order();
    return this.size ? this.km[this.heap[0]] : NaN;
  }

  /** Takes out the nearest item left. */
  take(): T | undefined {
    if (!this.ordered) this.order();
    if (!this.size) return undefined;
    const item = this.items[this.heap[0]];
    this.heap[0] = this.heap[--this.size];
    this.siftDown(0);
    return item;
  }

  /** Empties the queue and lets go of the items, keeping the buffers for the next search. */
  clear(): void {
    this.items.fill(undefined, 0, this.added);
    this.added = 0;
    this.size = 0;
    this.ordered = true;
  }

  private before(a: number, b: number): boolean {
    const km = this.km;
    return km[a] < km[b] || (km[a] === km[b] && a < b);
  }

  private order(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.ordered = true;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.size;
    const moving = heap[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const nearer = right < n && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[nearer], moving)) break;
      heap[i] = heap[nearer];
      i = nearer;
    }
    heap[i] = moving;
  }

  private grow(): void {
    const km = new Float64Array(this.km.length * 2);
    km.set(this.km);
    this.km = km;
    const heap = new Int32Array(this.heap.length * 2);
    heap.set(this.heap);
    this.heap = heap;
  }
}
