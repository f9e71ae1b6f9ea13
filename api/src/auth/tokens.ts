import { randomUUID } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';

export const TOKEN_ISSUER = 'linggong';

/** What a valid token says: whose it is, its own id (for sign-out), the account's token generation, its expiry. */
export interface TokenClaims {
  accountId: string;
  jti: string;
  /** The account's token generation when it was signed; "sign out everywhere" moves the account's on. */
  generation: number;
  expiresAt: Date;
}

export interface SignOptions {
  /** The account's current token generation (0 for a new account). */
  generation?: number;
  /** Lifetime; the service's default (phones) unless given (staff consoles get a shorter one). */
  ttlMs?: number;
}

/**
 * Signed session tokens (HS256): the account id, a token id (`jti`), the account's token generation,
 * issuer `linggong`. A token without the issuer, a token id or an expiry is refused. Signing and checking
 * are synchronous (fast-jwt over node:crypto): every request and every socket connect checks one.
 */
export class TokenService {
  private readonly signer: (payload: object) => string;
  private readonly verifier: (token: string) => { sub?: unknown; jti?: unknown; gen?: unknown; exp?: unknown };
  private readonly defaultTtlMs: number;

  constructor(secret: string, ttlDays: number) {
    this.defaultTtlMs = ttlDays * 86_400_000;
    this.signer = createSigner({ key: secret, algorithm: 'HS256', iss: TOKEN_ISSUER });
    this.verifier = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: TOKEN_ISSUER,
      requiredClaims: ['sub', 'exp', 'iss', 'jti'],
    });
  }

  sign(accountId: string, options: SignOptions = {}): string {
    const exp = Math.floor((Date.now() + (options.ttlMs ?? this.defaultTtlMs)) / 1000);
    return this.signer({ sub: accountId, jti: randomUUID(), gen: options.generation ?? 0, exp });
  }

  /** The account id, or undefined for a missing, forged, expired or incomplete token. */
  verify(token: string | undefined): string | undefined {
    return this.claims(token)?.accountId;
  }

  /** Everything the token says, or undefined when it is not a valid token of this service. */
  claims(token: string | undefined): TokenClaims | undefined {
    if (!token) return undefined;
    try {
      const { sub, jti, gen, exp } = this.verifier(token);
      if (typeof sub !== 'string' || !sub || typeof jti !== 'string' || !jti || typeof exp !== 'number') return undefined;
      const generation = gen === undefined ? 0 : gen;
      if (typeof generation !== 'number' || !Number.isInteger(generation)) return undefined;
      return { accountId: sub, jti, generation, expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }
}
