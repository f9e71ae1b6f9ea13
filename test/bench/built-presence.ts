/**
 * The shapes of the built presence stores and ranking (api/dist) as the in-process bench parts use them
 * (ranking.ts, presence-search.ts), and how they load them.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';

export interface Presence {
  workerId: string;
  status: 'waiting';
  location: { lat: number; lng: number };
  marketIds: string[];
  trades: string[];
  priority: 'none' | 'older' | 'hard_to_employ';
  reliability: number;
  waitingSince: number;
}

export interface Ranker {
  seen: number;
  consider(p: Presence, distanceKm: number): void;
  wantsBeyond(distanceKm: number): boolean;
  best(): unknown[];
}

export interface Store {
  put(p: Presence): Promise<void>;
  forEachNearby(trade: string, center: { lat: number; lng: number }, radiusKm: number, visitor: Ranker): Promise<void>;
  stop?(): void;
}

/** A module of the built API, e.g. `presence/memory-presence.store.js`. */
export const loadBuilt = async <T>(rel: string) => (await import(pathToFileURL(path.join(ROOT, 'api/dist', rel)).href)) as T;
