import { Injectable } from '@nestjs/common';
import { PrismaClient, TX_OPTIONS, type Prisma } from '../database/prisma.js';
import { entryHash, GENESIS_HASH, type StoredEntry } from './ledger-chain.js';

/** An entry before it has its place in the chain. */
export interface LedgerDraft {
  at: Date;
  type: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

/** Entry types written once per subject: an append skips a draft whose subject already has one (recovery). */
const ONCE_TYPES = new Set(['shift_posted', 'hire']);

type EntryRow = { seq: number; at: Date; type: string; actor: string; subject: string; data: string; prevHash: string; hash: string };

function toStored(r: EntryRow): StoredEntry {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    type: r.type,
    actor: r.actor,
    subject: r.subject,
    data: JSON.parse(r.data) as Record<string, unknown>,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** The only code that touches LedgerEntry and LedgerHead. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Appends drafts to a market's chain in one transaction. The market's head row is locked (FOR UPDATE)
   * before the next seq is read, so appends from any number of instances queue behind each other and seq
   * stays consecutive; a first append creates the head (ON CONFLICT DO NOTHING: two first appends meet
   * on the unique key and the second then waits for the lock). A posting or a hire already in the log
   * (recovered after a crash by one instance, then recorded by another) is not written twice: that is
   * checked under the same lock.
   */
  async append(marketId: string, all: LedgerDraft[]): Promise<StoredEntry[]> {
    if (!all.length) return [];
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "LedgerHead" ("marketId", seq, hash, "updatedAt") VALUES (${marketId}, 0, ${GENESIS_HASH}, now())
        ON CONFLICT ("marketId") DO NOTHING`;
      const [head] = await tx.$queryRaw<Array<{ seq: number; hash: string }>>`
        SELECT seq, hash FROM "LedgerHead" WHERE "marketId" = ${marketId} FOR UPDATE`;
      const drafts = await this.notYetRecorded(tx, all);
      if (!drafts.length) return [];
      let seq = head.seq;
      let prevHash = head.hash;
      const entries: StoredEntry[] = drafts.map((d) => {
        seq += 1;
        const fields = { seq, at: d.at.toISOString(), type: d.type, actor: d.actor, subject: d.subject, data: d.data };
        const entry = { ...fields, prevHash, hash: entryHash(prevHash, fields) };
        prevHash = entry.hash;
        return entry;
      });
      await tx.ledgerEntry.createMany({
        data: entries.map((e) => ({
          marketId,
          seq: e.seq,
          at: new Date(e.at),
          type: e.type,
          actor: e.actor,
          subject: e.subject,
          data: JSON.stringify(e.data),
          prevHash: e.prevHash,
          hash: e.hash,
        })),
      });
      await tx.ledgerHead.update({ where: { marketId }, data: { seq, hash: prevHash } });
      return entries;
    }, TX_OPTIONS);
  }

  private async notYetRecorded(tx: Prisma.TransactionClient, drafts: LedgerDraft[]): Promise<LedgerDraft[]> {
    const once = drafts.filter((d) => ONCE_TYPES.has(d.type)).map((d) => d.subject);
    if (!once.length) return drafts;
    const found = await tx.ledgerEntry.findMany({
      // Any market's log: a walk-in hire is logged at the window's market, its recovery at the shift's.
      where: { subject: { in: once }, type: { in: [...ONCE_TYPES] } },
      select: { type: true, subject: true },
    });
    const recorded = new Set(found.map((e) => `${e.type}:${e.subject}`));
    return drafts.filter((d) => !recorded.has(`${d.type}:${d.subject}`));
  }

  /**
   * Postings and hires committed in [since, before) with no entry: what a crash took from the recorder's
   * queue (entries are written after the commit). At most `limit` of each.
   */
  async unrecorded(since: Date, before: Date, limit: number) {
    const shiftIds = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT s.id FROM "Shift" s
      WHERE s."createdAt" >= ${since} AND s."createdAt" < ${before}
        AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e.subject = s.id AND e.type = 'shift_posted')
      ORDER BY s."createdAt" LIMIT ${limit}`;
    const hires = await this.prisma.$queryRaw<Array<{ id: string; shiftId: string; workerId: string; assistedBy: string | null }>>`
      SELECT a.id, a."shiftId", a."workerId", a."assistedBy" FROM "Assignment" a
      WHERE a."createdAt" >= ${since} AND a."createdAt" < ${before}
        AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e.subject = a.id AND e.type = 'hire')
      ORDER BY a."createdAt" LIMIT ${limit}`;
    const shifts = shiftIds.length
      ? await this.prisma.shift.findMany({
          where: { id: { in: shiftIds.map((r) => r.id) } },
          select: SHIFT_FIELDS,
          orderBy: { createdAt: 'asc' },
        })
      : [];
    return { shifts, hires };
  }

  async between(marketId: string, from: Date, to: Date): Promise<StoredEntry[]> {
    const rows = await this.prisma.ledgerEntry.findMany({ where: { marketId, at: { gte: from, lt: to } }, orderBy: { seq: 'asc' } });
    return rows.map(toStored);
  }

  /** Entries in seq order, a page at a time (verification reads a whole market's log). */
  async page(marketId: string, afterSeq: number, size: number): Promise<StoredEntry[]> {
    const rows = await this.prisma.ledgerEntry.findMany({
      where: { marketId, seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take: size,
    });
    return rows.map(toStored);
  }

  async headSeq(marketId: string): Promise<number> {
    return (await this.prisma.ledgerHead.findUnique({ where: { marketId }, select: { seq: true } }))?.seq ?? 0;
  }

  /** A shift as the log records its posting (no phone numbers: the employer by account id). */
  shift(id: string) {
    return this.prisma.shift.findUnique({ where: { id }, select: SHIFT_FIELDS });
  }
}

const SHIFT_FIELDS = {
  id: true,
  employerId: true,
  marketId: true,
  lat: true,
  lng: true,
  title: true,
  trade: true,
  headcount: true,
  wageAmount: true,
  wageUnit: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
} as const;
