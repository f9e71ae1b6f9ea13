import { Injectable } from '@nestjs/common';
import type { TrainingDemandSummaryRow } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { regionCovers, regionPrefix } from '../access/region-scope.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AppError, fieldError } from '../common/errors.js';
import { MarketsService } from '../reference/markets.service.js';
import { chinaDate, chinaMonth, monthRange } from '../stats/month.js';
import type { DemandInput } from './training.schemas.js';
import { TrainingDemandRepository } from './training-demand.repository.js';

/** 培训需求收集: what training workers want, by trade and region, beside who waited without work this month. */
@Injectable()
export class TrainingDemandService {
  constructor(
    private readonly demand: TrainingDemandRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
  ) {}

  async answer(account: SignedInAccount, input: DemandInput): Promise<{ trades: string[]; note?: string }> {
    const profile = await this.demand.workerRegion(account.id);
    if (!profile) throw new AppError('PROFILE_REQUIRED');
    const trades = [...new Set(input.trades)];
    await this.demand.answer(account.id, trades, input.note ?? null, profile.regionCode ?? input.regionCode ?? null);
    return input.note ? { trades, note: input.note } : { trades };
  }

  /**
   * Staff read the regions of their markets (or a region covering one), admins and officers their own
   * regions. Without `regionCode`: the caller's first region, or their first market's.
   */
  async summary(account: SignedInAccount, regionCode?: string): Promise<TrainingDemandSummaryRow[]> {
    const region = regionCode ?? (await this.defaultRegion(account.id));
    if (!region) throw fieldError('regionCode', '请选择地区', 'regionCode is required');
    if (!(await this.mayRead(account.id, region))) throw new AppError('FORBIDDEN');
    const prefix = regionPrefix(region);
    const now = new Date();
    const month = chinaMonth(now);
    const { start, end } = monthRange(month);
    const [wanted, waited] = await Promise.all([
      this.demand.byTrade(prefix),
      this.demand.waitedWithoutWork(prefix, `${month}-01`, chinaDate(end), start, end),
    ]);
    const trades = new Set([...wanted.keys()]);
    const rows = [...trades].map((trade) => ({ trade, workers: wanted.get(trade) ?? 0, waitedWithoutWork: waited.get(trade) ?? 0 }));
    // Trades where workers waited without work but nobody asked yet: shown after, for the comparison.
    for (const [trade, n] of waited) if (!trades.has(trade)) rows.push({ trade, workers: 0, waitedWithoutWork: n });
    return rows.sort((a, b) => b.workers - a.workers || b.waitedWithoutWork - a.waitedWithoutWork || a.trade.localeCompare(b.trade));
  }

  private async mayRead(accountId: string, region: string): Promise<boolean> {
    if (await this.access.holdsRegion(accountId, region, ['admin', 'officer'])) return true;
    const { marketIds } = await this.access.marketFilter(accountId);
    return marketIds.some((id) => {
      const m = this.markets.all().find((x) => x.id === id);
      return !!m && (regionCovers(region, m.regionCode) || regionCovers(m.regionCode, region));
    });
  }

  private async defaultRegion(accountId: string): Promise<string | undefined> {
    const { marketIds, regionCodes } = await this.access.marketFilter(accountId);
    if (regionCodes.length) return regionCodes[0];
    return this.markets.all().find((m) => marketIds.includes(m.id))?.regionCode;
  }
}
