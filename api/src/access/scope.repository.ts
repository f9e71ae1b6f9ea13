import { Injectable } from '@nestjs/common';
import type { ScopeRole } from '@linggong/protocol';
import { PrismaClient } from '../database/prisma.js';

export interface ScopeRow {
  role: ScopeRole;
  marketId: string | null;
  regionCode: string | null;
}

/** The scopes table: who is staff of which market, admin or officer of which region. */
@Injectable()
export class ScopeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async scopesOf(accountId: string): Promise<ScopeRow[]> {
    const rows = await this.prisma.scope.findMany({
      where: { accountId },
      select: { role: true, marketId: true, regionCode: true },
      orderBy: { createdAt: 'asc' },
    });
    return rows;
  }

  async marketRegion(marketId: string): Promise<string | undefined> {
    const market = await this.prisma.market.findUnique({ where: { id: marketId }, select: { regionCode: true } });
    return market?.regionCode;
  }

  /** Grants a scope (once) and the role that goes with it, in one transaction. */
  async grant(accountId: string, scope: ScopeRow, grantedBy?: string): Promise<void> {
    const target = scope.marketId ?? scope.regionCode!;
    await this.prisma.$transaction(async (tx) => {
      await tx.scope.upsert({
        where: { accountId_role_target: { accountId, role: scope.role, target } },
        create: { accountId, role: scope.role, target, marketId: scope.marketId, regionCode: scope.regionCode, grantedBy },
        update: {},
      });
      const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { roles: true } });
      if (!account.roles.includes(scope.role)) {
        await tx.account.update({ where: { id: accountId }, data: { roles: { push: scope.role } } });
      }
    });
  }
}
