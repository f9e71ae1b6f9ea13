import { createHash } from 'node:crypto';

/** The previous hash of a market's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  at: string;
  type: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

/** Protocol Part 2: lowercase hex SHA-256 of prevHash + "\n" + JSON.stringify({ seq, at, type, actor, subject, data }), keys in that order. */
export function entryHash(prevHash: string, e: ChainedFields): string {
  const body = JSON.stringify({ seq: e.seq, at: e.at, type: e.type, actor: e.actor, subject: e.subject, data: e.data });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Mainland mobile numbers, wherever they appear in a string. */
// A mobile number standing on its own: not a run of digits inside an id (a UUID's last group can hold one).
const PHONE = /(?<![0-9A-Za-z-])(?:\+?86[-\s]?)?1[3-9]\d{9}(?![0-9A-Za-z-])/g;
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_KEYS = /phone|mobile/i;

/**
 * What goes into `data`: keys sorted (so any exporter re-serialising it sorted gets the same text), no
 * key that names a phone, and any mobile number inside a string blanked. The log is shown to officers and
 * exported: it must never hold a phone number.
 */
export function ledgerData(value: Record<string, unknown>): Record<string, unknown> {
  return clean(value) as Record<string, unknown>;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PHONE, '***********');
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || PHONE_KEYS.test(key)) continue;
      out[key] = clean(v);
    }
    return out;
  }
  return value;
}

/** An actor is an account id or "system", never anything else (never a phone). */
export function ledgerActor(actorId: string | null | undefined): string {
  return actorId && ACCOUNT_ID.test(actorId) ? actorId : 'system';
}

/**
 * Walks a market's entries in seq order from the first and names the first that does not hold: a gap in
 * seq, a prevHash that is not the previous entry's hash, or a hash that does not match its content.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  firstBroken: number | null = null;

  push(e: StoredEntry): boolean {
    if (this.firstBroken !== null) return false;
    if (e.seq !== this.expectedSeq || e.prevHash !== this.prevHash || e.hash !== entryHash(e.prevHash, e)) {
      this.firstBroken = this.expectedSeq === e.seq ? e.seq : this.expectedSeq;
      return false;
    }
    this.expectedSeq += 1;
    this.prevHash = e.hash;
    return true;
  }

  /** The head says how many entries were written: fewer found means the tail was removed. */
  finish(headSeq: number): void {
    if (this.firstBroken === null && headSeq >= this.expectedSeq) this.firstBroken = this.expectedSeq;
  }

  get count(): number {
    return this.expectedSeq - 1;
  }
}
