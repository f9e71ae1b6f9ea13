import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { SignJWT } from 'jose';
import { http, signIn } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The secret that used to be written in config.ts: anyone who read the source could sign as anyone. */
const PUBLISHED_SECRET = 'linggong-development-secret-not-for-production-use';

describe('development mode on a network', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app?.stop());

  test('a token signed with the once-published development secret is refused', async () => {
    const { accountId } = await signIn(app);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(accountId)
      .setIssuer('linggong')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(PUBLISHED_SECRET));
    expect((await http(app, 'GET', '/api/workers/me/offers', { token: forged })).status).toBe(401);
  });

  test('a request from this machine still gets devCode outside production', async () => {
    const res = await http(app, 'POST', '/api/auth/code', { body: { phone: '13700000123' } });
    expect(res.status).toBe(200);
    expect(res.body.devCode).toMatch(/^\d{6}$/);
  });
});
