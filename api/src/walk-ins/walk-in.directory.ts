import type { Namespace } from 'socket.io';
import { isPlaceholderPhone, type WalkInRow } from './walk-ins.repository.js';

export interface KnownWalkIn {
  workerId: string;
  marketId: string;
  ticket: string;
  name: string;
  /** A real mobile number to send offers to by SMS, or null. */
  phone: string | null;
}

const ANNOUNCE = 'walkin:known';

export function knownWalkIn(row: WalkInRow): KnownWalkIn | undefined {
  if (!row.assisted || !row.homeMarketId || !row.assistedTicket) return undefined;
  const phone = row.account.phone;
  return {
    workerId: row.id,
    marketId: row.homeMarketId,
    ticket: row.assistedTicket,
    name: row.name,
    phone: isPlaceholderPhone(phone) ? null : phone,
  };
}

/**
 * Which workers are walk-ins, and of which market: every wave's offers are checked against it, so it is a
 * map in memory (loaded at start, updated on registration) and never a database read on the dispatch path.
 * With several instances, a registration is announced to the others through the Socket.IO adapter
 * (`serverSideEmit`, fire and forget), since any instance may send the next wave.
 */
export class WalkInDirectory {
  private readonly known = new Map<string, KnownWalkIn>();
  private nsp?: Namespace;

  constructor(private readonly scaleOut: boolean) {}

  /** The /staff namespace: announcements travel through its adapter. */
  attach(nsp: Namespace): void {
    this.nsp = nsp;
    if (this.scaleOut) nsp.on(ANNOUNCE, (entry: KnownWalkIn) => this.known.set(entry.workerId, entry));
  }

  load(entries: KnownWalkIn[]): void {
    for (const e of entries) this.known.set(e.workerId, e);
  }

  get(workerId: string): KnownWalkIn | undefined {
    return this.known.get(workerId);
  }

  remember(entry: KnownWalkIn): void {
    this.known.set(entry.workerId, entry);
    if (this.scaleOut) this.nsp?.serverSideEmit(ANNOUNCE, entry);
  }
}
