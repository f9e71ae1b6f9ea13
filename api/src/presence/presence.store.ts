import type { LatLng, PresenceStatus, PriorityGroup } from '@linggong/protocol';

/** A worker's live state, kept where every instance can see it (memory, or Redis in scale-out mode). */
export interface WorkerPresence {
  workerId: string;
  status: PresenceStatus;
  location: LatLng;
  marketId?: string;
  /** Markets whose boards count this worker as waiting (the chosen one, and those within reach). */
  marketIds: string[];
  trades: string[];
  priority: PriorityGroup;
  reliability: number;
  /** When the worker started waiting today (epoch ms); drives rotation. */
  waitingSince: number;
  /** Set while the worker's socket is gone; cleared on reconnect. */
  disconnectedAt?: number;
}

/** What a search shows of each waiting worker: enough to rank them. */
export type NearbyWorker = Pick<WorkerPresence, 'workerId' | 'location' | 'reliability' | 'waitingSince' | 'priority'>;

/**
 * The most anyone in a group of waiting workers (a cell of the grid) has of each ranking term apart from
 * distance: the best reliability, the earliest start of waiting, whether anyone is in a priority group.
 */
export interface Ceiling {
  reliability: number;
  waitingSince: number;
  priority: boolean;
}

/**
 * Receives the waiting workers a search finds. A store may visit them in any order; one that searches
 * nearest-first stops widening as soon as `wantsBeyond` says nobody farther could still be chosen. A store
 * that keeps a `Ceiling` per cell reads the cells best-first instead, and stops once `wantsScore` turns down
 * the best score anyone left could have (`bestScore`).
 */
export interface NearbyVisitor {
  consider(worker: NearbyWorker, distanceKm: number): void;
  wantsBeyond(distanceKm: number): boolean;
  bestScore?(distanceKm: number, ceiling: Ceiling): number;
  wantsScore?(score: number): boolean;
}

export interface PresenceStore {
  get(workerId: string): Promise<WorkerPresence | undefined>;
  put(presence: WorkerPresence): Promise<void>;
  remove(workerId: string): Promise<void>;
  /** Shows the visitor the waiting workers with the trade within the radius. */
  forEachNearby(trade: string, center: LatLng, radiusKm: number, visitor: NearbyVisitor): Promise<void>;
  /** Waiting workers a market's board counts: kept per market, so the count costs nothing to read. */
  countWaitingAt(marketId: string): Promise<number>;
  /** How many workers of the trade wait anywhere: a cheap check before any search. */
  countWaiting(trade: string): Promise<number>;
  markDisconnected(workerId: string, at: number): Promise<void>;
  markConnected(workerId: string): Promise<void>;
  /** Workers whose socket has been gone since before `before`: they are taken offline. */
  takeDisconnectedBefore(before: number): Promise<string[]>;
  /** Stops the store's own timers at shutdown (the Redis store's heartbeat). */
  stop?(): void;
}

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');
