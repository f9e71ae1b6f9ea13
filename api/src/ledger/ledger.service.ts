import { Injectable } from '@nestjs/common';
import type { LedgerDay, LedgerEntryView, LedgerSummary, LedgerVerification } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { addDays, chinaDateOf, startOfChinaDay, type ChinaDate } from '../calendar/china-date.js';
import { AppError } from '../common/errors.js';
import { MarketsService } from '../reference/markets.service.js';
import { ChainVerifier, type StoredEntry } from './ledger-chain.js';
import { LedgerRepository } from './ledger.repository.js';

const PAGE = 1000;

/** Reading a market's work log: one China-time day, its CSV, its daily summary, and the whole chain's verification. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
  ) {}

  async day(accountId: string, marketId: string, date?: ChinaDate): Promise<LedgerDay> {
    await this.allowed(accountId, marketId);
    const day = date ?? chinaDateOf(new Date());
    const entries = await this.ledger.between(marketId, startOfChinaDay(day), startOfChinaDay(addDays(day, 1)));
    return { marketId, date: day, entries: entries.map(toEntryView) };
  }

  async verify(accountId: string, marketId: string): Promise<LedgerVerification> {
    await this.allowed(accountId, marketId);
    const verifier = new ChainVerifier();
    for (let after = 0; ;) {
      const page = await this.ledger.page(marketId, after, PAGE);
      for (const e of page) if (!verifier.push(e)) return { ok: false, firstBroken: verifier.firstBroken! };
      if (page.length < PAGE) break;
      after = page[page.length - 1].seq;
    }
    verifier.finish(await this.ledger.headSeq(marketId));
    return verifier.firstBroken === null ? { ok: true, entries: verifier.count } : { ok: false, firstBroken: verifier.firstBroken };
  }

  /** The day's figures, counted from the log itself, so the printed summary and the log always agree. */
  async summary(accountId: string, marketId: string, date?: ChinaDate): Promise<LedgerSummary> {
    const { date: day, entries } = await this.day(accountId, marketId, date);
    const count = (type: string) => entries.filter((e) => e.type === type).length;
    const hires = entries.filter((e) => e.type === 'hire');
    return {
      marketId,
      date: day,
      shiftsPosted: count('shift_posted'),
      positions: entries.filter((e) => e.type === 'shift_posted').reduce((n, e) => n + (Number(e.data.headcount) || 0), 0),
      hires: hires.length,
      assistedHires: hires.filter((e) => e.data.assisted === true).length,
      walkIns: count('walkin_registered'),
      casesOpened: count('case_opened'),
      casesClosed: count('case_closed'),
      casesOverdue: count('case_overdue'),
      trainingsPublished: count('training_published'),
      loans: { lent: count('loan_lent'), returned: count('loan_returned'), overdue: count('loan_overdue') },
      guidance: { booked: count('guidance_booked'), attended: entries.filter((e) => e.type === 'guidance_outcome' && e.data.attended === true).length },
    };
  }

  private async allowed(accountId: string, marketId: string): Promise<void> {
    if (!(await this.markets.find(marketId))) throw new AppError('NOT_FOUND');
    await this.access.assertOverseeMarket(accountId, marketId);
  }
}

export function toEntryView(e: StoredEntry): LedgerEntryView {
  return { seq: e.seq, at: e.at, type: e.type, actor: e.actor, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash };
}

const CSV_COLUMNS = ['seq', 'at', 'type', 'actor', 'subject', 'data', 'prevHash', 'hash'] as const;

/** RFC 4180 CSV, `data` as the exact JSON that was hashed, so the export can be verified on its own. */
export function toCsv(day: LedgerDay): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of day.entries) lines.push(CSV_COLUMNS.map((c) => cell(c === 'data' ? JSON.stringify(e.data) : e[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
