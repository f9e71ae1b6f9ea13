import type { Role } from '@linggong/protocol';
import type { PrismaClient } from '../database/prisma.js';
import type { TokenService } from './tokens.js';

export interface SignedInAccount {
  id: string;
  phone: string;
  roles: Role[];
}

/** Resolves a bearer token to the account behind it, with its current roles. */
export class AccountsReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: TokenService,
  ) {}

  async fromToken(token: string | undefined): Promise<SignedInAccount | undefined> {
    const id = await this.tokens.verify(token);
    if (!id) return undefined;
    const account = await this.prisma.account.findUnique({ where: { id }, select: { id: true, phone: true, roles: true } });
    return account ? { ...account, roles: account.roles as Role[] } : undefined;
  }
}
