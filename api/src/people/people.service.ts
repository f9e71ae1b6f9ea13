import { Injectable } from '@nestjs/common';
import type { PersonScope, PersonView, ScopeRole } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { regionCovers, regionPrefix } from '../access/region-scope.js';
import { ScopeRepository } from '../access/scope.repository.js';
import { AppError, fieldError } from '../common/errors.js';
import { DomainEvents } from '../events/domain-events.js';
import { PeopleRepository, type PersonScopeRow } from './people.repository.js';
import type { AddPersonInput } from './people.schemas.js';

/** Admins add and remove staff, admins and officers, only within their own region. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly repo: PeopleRepository,
    private readonly scopes: ScopeRepository,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  async add(actorId: string, input: AddPersonInput): Promise<PersonScope> {
    const role = input.role;
    const marketIds = input.marketIds ? [...new Set(input.marketIds)] : undefined;
    if (marketIds) {
      const regions = await this.repo.marketRegions(marketIds);
      const unknown = input.marketIds!.findIndex((id) => !regions.has(id));
      if (unknown >= 0) throw fieldError(`marketIds.${unknown}`, '没有这个市场', 'No market has this id');
      const mine = await this.adminRegions(actorId);
      if (!marketIds.every((id) => mine.some((r) => regionCovers(r, regions.get(id))))) throw new AppError('FORBIDDEN');
    } else {
      if (!(await this.repo.regionExists(input.regionCode!)))
        throw fieldError('regionCode', '没有这个行政区划代码', 'No region has this code');
      await this.access.assertRegion(actorId, input.regionCode!);
    }
    const accountId = await this.repo.accountIdFor(input.phone);
    const grants = marketIds
      ? marketIds.map((marketId) => ({ role, marketId, regionCode: null }))
      : [{ role, marketId: null, regionCode: input.regionCode! }];
    // Each grant is idempotent: a retry after a failure part-way completes the rest.
    for (const scope of grants) await this.scopes.grant(accountId, scope, actorId);
    this.events.publish('people.changed', { accountId, role, actorId });
    return marketIds ? { accountId, role, marketIds } : { accountId, role, regionCode: input.regionCode! };
  }

  /** People holding a scope in the region (one of the admin's), or in all of the admin's regions. */
  async list(actorId: string, regionCode?: string): Promise<PersonView[]> {
    const mine = await this.adminRegions(actorId);
    if (regionCode && !mine.some((r) => regionCovers(r, regionCode))) throw new AppError('FORBIDDEN');
    const rows = await this.repo.inRegions(regionCode ? [regionPrefix(regionCode)] : mine.map(regionPrefix));
    return toPeople(rows);
  }

  /** Removes the role's scopes that lie in the admin's region; the rest (another region's) stay. */
  async remove(actorId: string, accountId: string, role: ScopeRole): Promise<PersonScope> {
    const held = await this.repo.scopesOf(accountId, role);
    if (!held.length) throw new AppError('NOT_FOUND');
    const mine = await this.adminRegions(actorId);
    const within = held.filter((s) => mine.some((r) => regionCovers(r, s.regionCode)));
    if (!within.length) throw new AppError('FORBIDDEN');
    await this.repo.revoke(
      accountId,
      role,
      within.map((s) => s.id),
    );
    this.events.publish('people.changed', { accountId, role, actorId });
    return { accountId, role };
  }

  private async adminRegions(actorId: string): Promise<string[]> {
    const regions = (await this.access.scopesOf(actorId)).filter((s) => s.role === 'admin' && s.regionCode).map((s) => s.regionCode!);
    if (!regions.length) throw new AppError('FORBIDDEN');
    return regions;
  }
}

/** One row per staff member (their markets in the region together), one per admin or officer region. */
function toPeople(rows: PersonScopeRow[]): PersonView[] {
  const out: PersonView[] = [];
  const staff = new Map<string, PersonView>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) continue; // a scope matched by two of the admin's regions
    seen.add(r.id);
    if (r.role === 'staff') {
      const known = staff.get(r.accountId);
      if (known) known.marketIds!.push(r.marketId!);
      else {
        const person: PersonView = { accountId: r.accountId, phone: r.phone, name: r.name, role: 'staff', marketIds: [r.marketId!] };
        staff.set(r.accountId, person);
        out.push(person);
      }
    } else out.push({ accountId: r.accountId, phone: r.phone, name: r.name, role: r.role, regionCode: r.regionCode });
  }
  return out;
}
