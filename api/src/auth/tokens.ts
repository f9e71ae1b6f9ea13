import { createSigner, createVerifier } from 'fast-jwt';

const ISSUER = 'linggong';

/**
 * Signed session tokens (HS256) carrying only the account id. Signing and checking are synchronous
 * (fast-jwt over node:crypto): every request and every socket connect checks one, and WebCrypto's
 * asynchronous HMAC cost a trip through the thread pool each time.
 */
export class TokenService {
  private readonly signer: (payload: object) => string;
  private readonly verifier: (token: string) => { sub?: unknown };

  constructor(secret: string, ttlDays: number) {
    this.signer = createSigner({ key: secret, algorithm: 'HS256', iss: ISSUER, expiresIn: ttlDays * 86_400_000 });
    this.verifier = createVerifier({ key: secret, algorithms: ['HS256'], allowedIss: ISSUER, requiredClaims: ['sub', 'exp'] });
  }

  sign(accountId: string): string {
    return this.signer({ sub: accountId });
  }

  /** The account id, or undefined for a missing, forged or expired token. */
  verify(token: string | undefined): string | undefined {
    if (!token) return undefined;
    try {
      const { sub } = this.verifier(token);
      return typeof sub === 'string' && sub ? sub : undefined;
    } catch {
      return undefined;
    }
  }
}
