import type { LatLng, PresenceStatus, PriorityGroup } from '@linggong/protocol';

/** A worker's live state, kept where every instance can see it (memory, or Redis in scale-out mode). */
export interface WorkerPresence {
  workerId: string;
  status: PresenceStatus;
  location: LatLng;
  marketId?: string;
  trades: string[];
  priority: PriorityGroup;
  reliability: number;
  /** When the worker started waiting today (epoch ms); drives rotation. */
  waitingSince: number;
  /** Set while the worker's socket is gone; cleared on reconnect. */
  disconnectedAt?: number;
}

export interface NearbyWorker {
  presence: WorkerPresence;
  distanceKm: number;
}

export interface PresenceStore {
  get(workerId: string): Promise<WorkerPresence | undefined>;
  put(presence: WorkerPresence): Promise<void>;
  remove(workerId: string): Promise<void>;
  /** Waiting workers with the trade within the radius, nearest first. */
  nearby(trade: string, center: LatLng, radiusKm: number): Promise<NearbyWorker[]>;
  countWaitingNear(center: LatLng, radiusKm: number): Promise<number>;
  /** How many workers of the trade wait anywhere: a cheap check before any search. */
  countWaiting(trade: string): Promise<number>;
  markDisconnected(workerId: string, at: number): Promise<void>;
  markConnected(workerId: string): Promise<void>;
  /** Workers whose socket has been gone since before `before`: they are taken offline. */
  takeDisconnectedBefore(before: number): Promise<string[]>;
}

export const PRESENCE_STORE = Symbol('PRESENCE_STORE');
