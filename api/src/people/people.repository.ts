import { Injectable } from '@nestjs/common';
import type { ScopeRole } from '@linggong/protocol';
import { PrismaClient } from '../database/prisma.js';

/** A scope with the region it lies in: the market's region for staff, the scope's own for the others. */
export interface PlacedScope {
  id: string;
  accountId: string;
  role: ScopeRole;
  marketId: string | null;
  regionCode: string;
}

export interface PersonScopeRow extends PlacedScope {
  phone: string;
  name: string | null;
}

/** People's accounts and scopes as admins manage them (ScopeRepository grants; this finds and revokes). */
@Injectable()
export class PeopleRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The phone's account, created with no role if it has none yet. */
  async accountIdFor(phone: string): Promise<string> {
    const row = await this.prisma.account.upsert({ where: { phone }, create: { phone, roles: [] }, update: {}, select: { id: true } });
    return row.id;
  }

  async marketRegions(marketIds: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.market.findMany({ where: { id: { in: marketIds } }, select: { id: true, regionCode: true } });
    return new Map(rows.map((r) => [r.id, r.regionCode]));
  }

  async regionExists(code: string): Promise<boolean> {
    return (await this.prisma.region.count({ where: { code } })) > 0;
  }

  /** Every scope lying in one of the regions (by code prefix), with the person's phone and name. */
  async inRegions(prefixes: string[]): Promise<PersonScopeRow[]> {
    const rows = await this.prisma.scope.findMany({
      where: {
        OR: prefixes.flatMap((p) => [
          { role: 'staff' as const, market: { regionCode: { startsWith: p } } },
          { role: { in: ['admin' as const, 'officer' as const] }, regionCode: { startsWith: p } },
        ]),
      },
      select: {
        ...SCOPE_PLACE,
        account: { select: { phone: true, worker: { select: { name: true } }, employer: { select: { contactName: true } } } },
      },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((r) => ({
      ...placed(r),
      phone: r.account.phone,
      name: r.account.worker?.name ?? r.account.employer?.contactName ?? null,
    }));
  }

  async scopesOf(accountId: string, role: ScopeRole): Promise<PlacedScope[]> {
    const rows = await this.prisma.scope.findMany({ where: { accountId, role }, select: SCOPE_PLACE });
    return rows.map(placed);
  }

  /**
   * Deletes the scopes; a role left with no scope leaves the account's roles too. One statement decides
   * that, so a grant of another role racing it is never lost (no read-modify-write of the roles array).
   */
  async revoke(accountId: string, role: ScopeRole, scopeIds: string[]): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.scope.deleteMany({ where: { id: { in: scopeIds }, accountId } }),
      this.prisma.$executeRaw`
        UPDATE "Account" SET roles = array_remove(roles, ${role}::text)
        WHERE id = ${accountId}
          AND NOT EXISTS (SELECT 1 FROM "Scope" WHERE "accountId" = ${accountId} AND role = ${role}::"ScopeRole")`,
    ]);
  }
}

const SCOPE_PLACE = {
  id: true,
  accountId: true,
  role: true,
  marketId: true,
  regionCode: true,
  market: { select: { regionCode: true } },
} as const;

function placed(r: {
  id: string;
  accountId: string;
  role: ScopeRole;
  marketId: string | null;
  regionCode: string | null;
  market: { regionCode: string } | null;
}): PlacedScope {
  return { id: r.id, accountId: r.accountId, role: r.role, marketId: r.marketId, regionCode: r.market?.regionCode ?? r.regionCode ?? '' };
}
