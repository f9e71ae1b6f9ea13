import { Injectable } from '@nestjs/common';
import type { Role } from '@linggong/protocol';
import { LRUCache } from 'lru-cache';
import { PrismaClient } from '../database/prisma.js';
import { TokenService, type TokenClaims } from './tokens.js';

export interface SignedInAccount {
  id: string;
  phone: string;
  roles: Role[];
}

/** The token a request came with: sign-out revokes this one. */
export interface SignedInToken {
  jti: string;
  expiresAt: Date;
}

interface Remembered extends SignedInAccount {
  generation: number;
}

/** Accounts remembered; a connect storm or a busy employer asks for the same few over and over. */
const REMEMBERED = 10_000;
/**
 * How long an account, and a token found not revoked, are remembered. A sign-out takes effect at once on
 * the instance that took it and within this time on the others (they read the revocation from the database).
 */
export const REMEMBER_MS = 10_000;

/**
 * Resolves a bearer token to the account behind it. A token is refused when its id was revoked (sign-out)
 * or its generation is older than the account's (sign out everywhere, account deleted). An account's id
 * and phone rarely change and its roles mostly grow (registering adds one), so a remembered account is
 * right unless it lacks a role the caller needs: then it is read again. An admin taking a role away makes
 * this instance forget the account (`forget`); every scope check reads the database anyway.
 */
@Injectable()
export class AccountsReader {
  private readonly recent = new LRUCache<string, Remembered>({ max: REMEMBERED, ttl: REMEMBER_MS });
  /** Token ids found not revoked a moment ago. */
  private readonly valid = new LRUCache<string, true>({ max: REMEMBERED, ttl: REMEMBER_MS });
  /** Token ids revoked on this instance: refused at once, without waiting for the caches above. */
  private readonly revokedHere = new LRUCache<string, true>({ max: REMEMBERED, ttl: REMEMBER_MS * 2 });

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

  /** The token's id and expiry (for sign-out), when it is a valid token of this service. */
  tokenOf(token: string | undefined): SignedInToken | undefined {
    const claims = this.tokens.claims(token);
    return claims && { jti: claims.jti, expiresAt: claims.expiresAt };
  }

  /** After a sign-out on this instance: the token is refused here at once. */
  revoked(jti: string): void {
    this.revokedHere.set(jti, true);
    this.valid.delete(jti);
  }

  forget(accountId: string): void {
    this.recent.delete(accountId);
  }

  private async resolve(token: string | undefined, needs: readonly Role[], remember: boolean): Promise<SignedInAccount | undefined> {
    const claims = this.tokens.claims(token);
    if (!claims || this.revokedHere.has(claims.jti)) return undefined;
    const known = this.recent.get(claims.accountId);
    if (known && this.valid.has(claims.jti) && (!needs.length || needs.some((r) => known.roles.includes(r)))) {
      return known.generation === claims.generation ? view(known) : undefined;
    }
    const row = await this.read(claims);
    if (!row) return undefined;
    if (remember || known) {
      this.recent.set(row.id, row);
      this.valid.set(claims.jti, true);
    }
    return row.generation === claims.generation ? view(row) : undefined;
  }

  /** The account and whether this token was revoked, in one statement; undefined when either refuses it. */
  private async read(claims: TokenClaims): Promise<Remembered | undefined> {
    const row = await this.prisma.account.findUnique({
      where: { id: claims.accountId },
      select: { id: true, phone: true, roles: true, tokenGeneration: true, revokedTokens: { where: { jti: claims.jti }, select: { jti: true } } },
    });
    if (!row || row.revokedTokens.length) return undefined;
    return { id: row.id, phone: row.phone, roles: row.roles as Role[], generation: row.tokenGeneration };
  }
}

const view = ({ id, phone, roles }: Remembered): SignedInAccount => ({ id, phone, roles });
