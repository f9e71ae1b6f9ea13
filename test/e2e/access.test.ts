import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { http, nextPhone, signIn } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

describe.each(BACKENDS)('roles and scopes on %s', (backend) => {
  let app: TestApp;
  const bootstrapPhone = nextPhone();

  beforeAll(async () => {
    app = await startTestApp(backend, { ADMIN_PHONES: bootstrapPhone, ADMIN_REGION: '620100' });
  });
  afterAll(() => app?.stop());

  test('a phone in ADMIN_PHONES signs in as admin of ADMIN_REGION', async () => {
    const code = await http(app, 'POST', '/api/auth/code', { body: { phone: bootstrapPhone } });
    const login = await http(app, 'POST', '/api/auth/login', { body: { phone: bootstrapPhone, code: code.body.devCode } });
    expect(login.status).toBe(200);
    expect(login.body.account.roles).toContain('admin');
    expect(login.body.account.scopes).toEqual([{ role: 'admin', regionCode: '620100' }]);
  });

  test('outside production the demo account 13900000000 is an admin of the default region', async () => {
    const { token } = await signIn(app, '13900000000');
    const me = await http(app, 'GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.roles).toContain('admin');
    expect(me.body.scopes).toContainEqual({ role: 'admin', regionCode: '620100' });
  });

  test('a new phone has no role and no scope; /auth/me needs a token', async () => {
    const { token } = await signIn(app);
    const me = await http(app, 'GET', '/api/auth/me', { token });
    expect(me.body).toMatchObject({ roles: [], scopes: [] });
    expect((await http(app, 'GET', '/api/auth/me')).status).toBe(401);
  });
});
