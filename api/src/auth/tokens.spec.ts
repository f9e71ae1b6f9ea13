import { describe, expect, test } from '@jest/globals';
import { SignJWT } from 'jose';
import { TokenService } from './tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);

describe('TokenService', () => {
  const tokens = new TokenService(SECRET, 30);

  test('a token it signed names the account', () => {
    expect(tokens.verify(tokens.sign('acc-1'))).toBe('acc-1');
  });

  test('a token minted elsewhere with the secret (jose, HS256, issuer linggong, a token id) is valid', async () => {
    const minted = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('acc-2')
      .setJti('token-2')
      .setIssuedAt()
      .setExpirationTime('30d')
      .setIssuer('linggong')
      .sign(key);
    expect(tokens.claims(minted)).toMatchObject({ accountId: 'acc-2', jti: 'token-2', generation: 0 });
  });

  test('refuses a token without an issuer, or without a token id (nothing to revoke at sign-out)', async () => {
    const noIssuer = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setJti('j').setExpirationTime('1h').sign(key);
    const noJti = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setIssuer('linggong').setExpirationTime('1h').sign(key);
    expect(tokens.verify(noIssuer)).toBeUndefined();
    expect(tokens.verify(noJti)).toBeUndefined();
  });

  test('each token has its own id, the generation it was signed with, and the lifetime asked for', () => {
    const a = tokens.claims(tokens.sign('acc-3', { generation: 4, ttlMs: 12 * 3600_000 }))!;
    const b = tokens.claims(tokens.sign('acc-3'))!;
    expect(a.jti).not.toBe(b.jti);
    expect(a.generation).toBe(4);
    expect(Math.abs(a.expiresAt.getTime() - (Date.now() + 12 * 3600_000))).toBeLessThan(5_000);
    expect(Math.abs(b.expiresAt.getTime() - (Date.now() + 30 * 86_400_000))).toBeLessThan(5_000);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a token', 'abc.def.ghi'],
    ['signed with another secret', new TokenService('another-secret-another-secret-another', 30).sign('acc-1')],
  ])('refuses a token that is %s', (_, token) => {
    expect(tokens.verify(token)).toBeUndefined();
  });

  test('refuses an expired token, another issuer, no subject and the "none" algorithm', async () => {
    const jose = (claims: { sub?: string; iss?: string; exp?: number }) => {
      const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setJti('j');
      if (claims.sub) jwt.setSubject(claims.sub);
      if (claims.iss) jwt.setIssuer(claims.iss);
      if (claims.exp) jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    const past = Math.floor(Date.now() / 1000) - 60;
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect(tokens.verify(await jose({ sub: 'a', iss: 'linggong', exp: past }))).toBeUndefined();
    expect(tokens.verify(await jose({ sub: 'a', iss: 'someone-else', exp: future }))).toBeUndefined();
    expect(tokens.verify(await jose({ iss: 'linggong', exp: future }))).toBeUndefined();
    const unsigned = [
      { alg: 'none', typ: 'JWT' },
      { sub: 'a', iss: 'linggong', exp: future },
    ]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    expect(tokens.verify(`${unsigned}.`)).toBeUndefined();
  });
});
