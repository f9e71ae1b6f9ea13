import type { OfferReason, PriorityGroup } from '@linggong/protocol';
import { roundKm } from '../common/geo.js';
import type { Ceiling, NearbyVisitor, WorkerPresence } from '../presence/presence.store.js';
import { DISTANCE_TEXTS, RELIABILITY_TEXTS, WAITING_TEXTS } from './reason-texts.js';

type RankablePresence = Pick<WorkerPresence, 'workerId' | 'reliability' | 'waitingSince' | 'priority'>;

/**
 * The whole ranking rule in one place (documented in the README).
 * Distance has the largest weight and the proximity term falls strictly with distance, so
 * among otherwise equal workers the nearer always ranks first; reliability, rotation and
 * priority can together outweigh a few kilometres, by design.
 */
export const RANKING_WEIGHTS = {
  distance: 0.5,
  reliability: 0.2,
  waiting: 0.2,
  priority: 0.1,
} as const;

/** Distance at which the proximity term halves. */
export const PROXIMITY_HALF_KM = 3;
/** Waiting longer than this today earns the full rotation term. */
export const WAITING_FULL_MINUTES = 180;

export interface Candidate {
  workerId: string;
  distanceKm: number;
  /** 0..1, from shows, completions, late cancels and no-shows. */
  reliability: number;
  waitingMinutes: number;
  priority: PriorityGroup;
}

export interface RankedCandidate extends Candidate {
  score: number;
  reasons: string[];
  reasonDetails: OfferReason[];
}

export function proximity(distanceKm: number): number {
  return 1 / (1 + distanceKm / PROXIMITY_HALF_KM);
}

// The formula, written once: each weighted term, summed by `total` (the hot path) and itemised by `score`.
const distanceTerm = (distanceKm: number) => RANKING_WEIGHTS.distance * proximity(distanceKm);
const reliabilityTerm = (reliability: number) => RANKING_WEIGHTS.reliability * clamp01(reliability);
const waitingTerm = (waitingMinutes: number) => RANKING_WEIGHTS.waiting * clamp01(waitingMinutes / WAITING_FULL_MINUTES);
const priorityTerm = (priority: PriorityGroup) => (priority === 'none' ? 0 : RANKING_WEIGHTS.priority);

export function score(c: Candidate): { total: number; parts: Record<keyof typeof RANKING_WEIGHTS, number> } {
  const parts = {
    distance: distanceTerm(c.distanceKm),
    reliability: reliabilityTerm(c.reliability),
    waiting: waitingTerm(c.waitingMinutes),
    priority: priorityTerm(c.priority),
  };
  return { total: parts.distance + parts.reliability + parts.waiting + parts.priority, parts };
}

/** The same total as `score`, without building anything: it runs for every worker a search finds. */
function total(distanceKm: number, reliability: number, waitingMinutes: number, priority: PriorityGroup): number {
  return distanceTerm(distanceKm) + reliabilityTerm(reliability) + waitingTerm(waitingMinutes) + priorityTerm(priority);
}

/** The highest score anyone this far away could have. */
export function bestPossibleScore(distanceKm: number): number {
  return total(distanceKm, 1, WAITING_FULL_MINUTES, 'older');
}

/** The highest score anyone this far away could have at `now`, holding at most the ceiling's terms. */
export function bestScoreUnder(distanceKm: number, ceiling: Ceiling, now: number): number {
  const waitingMinutes = Math.max(0, (now - ceiling.waitingSince) / 60_000);
  return total(distanceKm, ceiling.reliability, waitingMinutes, ceiling.priority ? 'older' : 'none');
}

/**
 * One kept worker in TopRanked's heap. An entry is overwritten in place when a better worker evicts it,
 * so it never leaves the heap: `inOrder()` hands out copies. A plain object rather than a class: compiled
 * class fields start out undefined, so V8 would box every number written to them (measured: about 4× the
 * bytes per search).
 */
interface Kept {
  workerId: string;
  distanceKm: number;
  reliability: number;
  waitingMinutes: number;
  priority: PriorityGroup;
  score: number;
}

/**
 * The order, written once: best first is a higher score, then nearer, then the lower id, so the order is
 * total and stable. On bare fields, so a worker not yet kept is compared without an object made for it.
 */
export function ranksAbove(score: number, distanceKm: number, workerId: string, otherScore: number, otherKm: number, otherId: string): boolean {
  if (score !== otherScore) return score > otherScore;
  if (distanceKm !== otherKm) return distanceKm < otherKm;
  return workerId < otherId;
}

/** `ranksAbove` for heap entries. */
function keptAbove(a: Kept, b: Kept): boolean {
  return ranksAbove(a.score, a.distanceKm, a.workerId, b.score, b.distanceKm, b.workerId);
}

/** Whether a worker with this score, distance and id would rank below the kept entry. */
function fallsBelow(score: number, distanceKm: number, workerId: string, kept: Kept): boolean {
  return ranksAbove(kept.score, kept.distanceKm, kept.workerId, score, distanceKm, workerId);
}

/**
 * Keeps the best `limit` of the workers it is shown (a bounded heap, worst on top), so choosing among
 * thousands costs one score and one comparison for most of them. It is a presence store's
 * `NearbyVisitor`; `skip` leaves out workers already offered or already found busy.
 *
 * A nearest-first scan replaces the worst kept worker hundreds of times per search, so the heap
 * allocates only its first `limit` entries and then overwrites the evicted one: allocation per
 * search, not per worker, keeps young-generation collections out of the ranking's tail latency.
 */
export class TopRanked implements NearbyVisitor {
  private readonly heap: Kept[] = [];
  /** Workers shown and not skipped: more than `limit` means there are others below the kept ones. */
  seen = 0;
  private stoppedEarly = false;

  constructor(
    readonly limit: number,
    private readonly now = Date.now(),
    private readonly skip: (workerId: string) => boolean = () => false,
  ) {}

  consider(p: RankablePresence, distanceKm: number): void {
    if (this.skip(p.workerId)) return;
    const waitingMinutes = Math.max(0, (this.now - p.waitingSince) / 60_000);
    this.offer(p.workerId, distanceKm, p.reliability, waitingMinutes, p.priority);
  }

  considerCandidate(c: Candidate): void {
    if (this.skip(c.workerId)) return;
    this.offer(c.workerId, c.distanceKm, c.reliability, c.waitingMinutes, c.priority);
  }

  wantsBeyond(distanceKm: number): boolean {
    const wants = this.limit > 0 && (this.heap.length < this.limit || bestPossibleScore(distanceKm) > this.heap[0].score);
    if (!wants) this.stoppedEarly = true;
    return wants;
  }

  bestScore(distanceKm: number, ceiling: Ceiling): number {
    return bestScoreUnder(distanceKm, ceiling, this.now);
  }

  /** Whether someone with this score could still be kept: at an equal score a nearer worker ranks above. */
  wantsScore(score: number): boolean {
    const wants = this.limit > 0 && (this.heap.length < this.limit || score >= this.heap[0].score);
    if (!wants) this.stoppedEarly = true;
    return wants;
  }

  /** Whether anyone was left below the kept ones: more shown than kept, or the search told to stop. */
  get leftSome(): boolean {
    return this.seen > this.limit || this.stoppedEarly;
  }

  /** The kept workers, best first, explained. */
  best(): RankedCandidate[] {
    return this.inOrder().map(explain);
  }

  /**
   * The kept workers, best first, unexplained: a wave explains only those it finally offers. Fresh
   * objects, so they stay as they are if more workers are considered afterwards.
   */
  inOrder(): Candidate[] {
    return [...this.heap]
      .sort((a, b) => (keptAbove(a, b) ? -1 : 1))
      .map((k) => ({
        workerId: k.workerId,
        distanceKm: k.distanceKm,
        reliability: k.reliability,
        waitingMinutes: k.waitingMinutes,
        priority: k.priority,
      }));
  }

  /** Counts the worker as seen and keeps them if they rank above the worst kept (or there is room). */
  private offer(workerId: string, distanceKm: number, reliability: number, waitingMinutes: number, priority: PriorityGroup): void {
    this.seen++;
    const limit = this.limit;
    if (limit <= 0) return;
    const score = total(distanceKm, reliability, waitingMinutes, priority);
    const heap = this.heap;
    if (heap.length < limit) {
      heap.push({ workerId, distanceKm, reliability, waitingMinutes, priority, score });
      this.siftUp(heap.length - 1);
      return;
    }
    const worst = heap[0];
    if (fallsBelow(score, distanceKm, workerId, worst)) return;
    // The evicted entry becomes the new one: nothing outside the heap refers to it.
    worst.workerId = workerId;
    worst.distanceKm = distanceKm;
    worst.reliability = reliability;
    worst.waitingMinutes = waitingMinutes;
    worst.priority = priority;
    worst.score = score;
    this.siftDown(0);
  }

  /** Moves entry `i` up past every parent it ranks above (worst on top), shifting them down into the gap. */
  private siftUp(i: number): void {
    const heap = this.heap;
    const moving = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!keptAbove(heap[parent], moving)) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = moving;
  }

  /** Moves entry `i` down below every child that ranks under it, shifting the worse child up into the gap. */
  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const moving = heap[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const worse = right < n && keptAbove(heap[left], heap[right]) ? right : left;
      if (!keptAbove(moving, heap[worse])) break;
      heap[i] = heap[worse];
      i = worse;
    }
    heap[i] = moving;
  }
}

/** The score and its reasons, for an offer. */
export function explain(c: Candidate): RankedCandidate {
  const { total, parts } = score(c);
  const percent = Math.round(clamp01(c.reliability) * 100);
  const waited = c.waitingMinutes >= 1;
  const prioritised = c.priority !== 'none';
  // Sized up front: a one-element array grown by push gets a 17-slot backing store, two per worker kept.
  const count = 2 + (waited ? 1 : 0) + (prioritised ? 1 : 0);
  const reasons = new Array<string>(count);
  const details = new Array<OfferReason>(count);
  // The same texts as `${roundKm(c.distanceKm)} km` and the templates below, formatted once per number.
  reasons[0] = DISTANCE_TEXTS.of(Math.round(c.distanceKm * 10));
  details[0] = { code: 'distance', value: roundKm(c.distanceKm), weight: shareOf(parts.distance, total) };
  reasons[1] = RELIABILITY_TEXTS.of(percent);
  details[1] = { code: 'reliability', value: percent, weight: shareOf(parts.reliability, total) };
  let next = 2;
  if (waited) {
    const minutes = Math.round(c.waitingMinutes);
    reasons[next] = WAITING_TEXTS.of(minutes);
    details[next++] = { code: 'waiting', value: minutes, weight: shareOf(parts.waiting, total) };
  }
  if (prioritised) {
    reasons[next] = c.priority === 'older' ? '大龄劳动者优先' : '就业困难人员优先';
    details[next] = { code: 'priority', value: 1, weight: shareOf(parts.priority, total) };
  }
  // Field by field, not `{ ...c, score, ... }`: on Node 20 a spread followed by more properties took about 3 µs a
  // worker, and its results outlived young-generation collections (promoted at ~100%), so every scavenge copied
  // megabytes and took milliseconds. Only a candidate's own fields belong in an offer anyway.
  return {
    workerId: c.workerId,
    distanceKm: c.distanceKm,
    reliability: c.reliability,
    waitingMinutes: c.waitingMinutes,
    priority: c.priority,
    score: Math.round(total * 10000) / 10000,
    reasons,
    reasonDetails: details,
  };
}

/** A part's share of the total, to two decimals. */
function shareOf(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 100) / 100 : 0;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
