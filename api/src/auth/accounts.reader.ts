import { Injectable } from '@nestjs/common';
import type { Role } from '@linggong/protocol';
import { LRUCache } from 'lru-cache';
import { PrismaClient } from '../database/prisma.js';
import { TokenService } from './tokens.js';

export interface SignedInAccount {
  id: string;
  phone: string;
  roles: Role[];
}

/** Accounts remembered; a connect storm or a busy employer asks for the same few over and over. */
const REMEMBERED = 10_000;
const REMEMBER_MS = 60_000;

/**
 * Resolves a bearer token to the account behind it. An account's id and phone never change and its roles
 * mostly grow (registering adds one), so a remembered account is right unless it lacks a role the caller
 * needs: then it is read again, and a role added a moment ago on another instance is found. An admin taking
 * a role away makes this instance forget the account (`forget`); every scope check reads the database anyway.
 */
@Injectable()
export class AccountsReader {
  private readonly recent = new LRUCache<string, SignedInAccount>({ max: REMEMBERED, ttl: REMEMBER_MS });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: TokenService,
  ) {}

  /** A request's account; with `needs`, read afresh unless the remembered account holds one of those roles. */
  fromToken(token: string | undefined, needs: readonly Role[] = []): Promise<SignedInAccount | undefined> {
    return this.resolve(token, needs, true);
  }

  /**
   * A socket's account, checked once per connection: nothing is gained by remembering it, and after a
   * reconnect storm ten thousand accounts kept for a minute held 50-90 MB of heap pages (RSS) besides.
   */
  fromHandshake(token: string | undefined, needs: readonly Role[]): Promise<SignedInAccount | undefined> {
    return this.resolve(token, needs, false);
  }

  forget(accountId: string): void {
    this.recent.delete(accountId);
  }

  private async resolve(token: string | undefined, needs: readonly Role[], remember: boolean): Promise<SignedInAccount | undefined> {
    const id = this.tokens.verify(token);
    if (!id) return undefined;
    const known = this.recent.get(id);
    if (known && (!needs.length || needs.some((r) => known.roles.includes(r)))) return known;
    const row = await this.prisma.account.findUnique({ where: { id }, select: { id: true, phone: true, roles: true } });
    if (!row) return undefined;
    const account = { ...row, roles: row.roles as Role[] };
    if (remember || known) this.recent.set(id, account);
    return account;
  }
}
