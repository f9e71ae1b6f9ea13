import { Inject, Injectable } from '@nestjs/common';
import type { AccountScope, ScopeRole } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { regionCovers } from './region-scope.js';
import { ScopeRepository, type ScopeRow } from './scope.repository.js';

/**
 * Who may act on what. Scopes are read afresh on every check: they change when an admin adds or removes
 * someone, and a removed staff member must lose access at once, on every instance.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly scopes: ScopeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async scopesOf(accountId: string): Promise<AccountScope[]> {
    return (await this.scopes.scopesOf(accountId)).map(toAccountScope);
  }

  /** Phones in ADMIN_PHONES are admins of ADMIN_REGION from their first sign-in. */
  async bootstrap(accountId: string, phone: string): Promise<void> {
    if (!this.config.adminPhones.includes(phone)) return;
    await this.scopes.grant(accountId, { role: 'admin', marketId: null, regionCode: this.config.adminRegion });
  }

  /** Staff of this market. */
  async isStaffOf(accountId: string, marketId: string): Promise<boolean> {
    return (await this.scopes.scopesOf(accountId)).some((s) => s.role === 'staff' && s.marketId === marketId);
  }

  /** Admin (or, with `roles`, another region role) of a region that covers this code. */
  async holdsRegion(accountId: string, regionCode: string | null | undefined, roles: ScopeRole[] = ['admin']): Promise<boolean> {
    return (await this.scopes.scopesOf(accountId)).some((s) => roles.includes(s.role) && !!s.regionCode && regionCovers(s.regionCode, regionCode));
  }

  /** Staff of the market, or admin or officer of its region: who may read a market's cases and log. */
  async canOverseeMarket(accountId: string, marketId: string): Promise<boolean> {
    const rows = await this.scopes.scopesOf(accountId);
    if (rows.some((s) => s.role === 'staff' && s.marketId === marketId)) return true;
    const region = await this.scopes.marketRegion(marketId);
    if (region === undefined) throw new AppError('NOT_FOUND');
    return rows.some((s) => s.role !== 'staff' && !!s.regionCode && regionCovers(s.regionCode, region));
  }

  /** Staff of the market or admin of its region: who may act at the market's window. */
  async canServeMarket(accountId: string, marketId: string): Promise<boolean> {
    const rows = await this.scopes.scopesOf(accountId);
    if (rows.some((s) => s.role === 'staff' && s.marketId === marketId)) return true;
    const region = await this.scopes.marketRegion(marketId);
    if (region === undefined) throw new AppError('NOT_FOUND');
    return rows.some((s) => s.role === 'admin' && !!s.regionCode && regionCovers(s.regionCode, region));
  }

  async assertServeMarket(accountId: string, marketId: string): Promise<void> {
    if (!(await this.canServeMarket(accountId, marketId))) throw new AppError('FORBIDDEN');
  }

  async assertOverseeMarket(accountId: string, marketId: string): Promise<void> {
    if (!(await this.canOverseeMarket(accountId, marketId))) throw new AppError('FORBIDDEN');
  }

  async assertRegion(accountId: string, regionCode: string, roles: ScopeRole[] = ['admin']): Promise<void> {
    if (!(await this.holdsRegion(accountId, regionCode, roles))) throw new AppError('FORBIDDEN');
  }

  /** The markets a person serves or oversees: staff markets, and every market in their regions. */
  async marketFilter(accountId: string): Promise<{ marketIds: string[]; regionCodes: string[] }> {
    const rows = await this.scopes.scopesOf(accountId);
    return {
      marketIds: rows.filter((s) => s.marketId).map((s) => s.marketId!),
      regionCodes: rows.filter((s) => s.regionCode).map((s) => s.regionCode!),
    };
  }
}

function toAccountScope(s: ScopeRow): AccountScope {
  return s.marketId ? { role: s.role, marketId: s.marketId } : { role: s.role, regionCode: s.regionCode! };
}
