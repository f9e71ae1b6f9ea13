import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

async function call(app: TestApp, path: string, init: RequestInit = {}) {
  const res = await fetch(`${app.url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'Content-Type': 'application/json', ...headers },
});

describe('HTTP hardening (issue #19, finding 6)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite', { TRUST_PROXY: 'loopback', ALLOWED_ORIGINS: 'https://partner.example.cn' });
  });
  afterAll(() => app.stop());

  test.each(['/api/health', '/m/', '/board/', '/console/', '/api/markets'])('security headers on %s, no X-Powered-By', async (path) => {
    const res = await call(app, path);
    expect(res.status).toBeLessThan(400);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // Plain HTTP: no HSTS (it would pin a LAN demo on http:// to a https:// that does not exist).
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  test('/api/docs has its own policy for Swagger UI, still not framable', async () => {
    const res = await call(app, '/api/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  test('HSTS only when the request is HTTPS, as a trusted proxy says', async () => {
    const res = await call(app, '/api/health', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+$/);
  });

  test('a body over the limit answers 413 PAYLOAD_TOO_LARGE in the error shape', async () => {
    const res = await call(app, '/api/auth/code', json(JSON.stringify({ phone: '13800000000', pad: 'x'.repeat(200_000) })));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(typeof res.body.message).toBe('string');
    const en = await call(app, '/api/auth/code', json(JSON.stringify({ pad: 'x'.repeat(200_000) }), { 'Accept-Language': 'en' }));
    expect(en.body.message).toMatch(/too large/);
  });

  test('malformed JSON answers 400 VALIDATION_FAILED naming (body)', async () => {
    const res = await call(app, '/api/auth/code', json('{"phone": '));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });

  test('CORS only for configured origins', async () => {
    const partner = await call(app, '/api/markets', { headers: { Origin: 'https://partner.example.cn' } });
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example.cn');
    const other = await call(app, '/api/markets', { headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call(app, '/api/shifts', {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example.cn', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
