import { jwtVerify, SignJWT } from 'jose';

/** Signed session tokens (HS256) carrying only the account id; roles are read fresh on each request. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlDays: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(accountId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(accountId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlDays}d`)
      .setIssuer('linggong')
      .sign(this.key);
  }

  /** The account id, or undefined for a missing, forged or expired token. */
  async verify(token: string | undefined): Promise<string | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'linggong', algorithms: ['HS256'] });
      return payload.sub;
    } catch {
      return undefined;
    }
  }
}
