import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { http } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Writes raw bytes to the server and reads its whole answer (the server closes the connection). */
function raw(app: TestApp, request: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) as unknown });
    });
  });
}

/** Found by fuzzing (issue #19): Node's own refusals came as a bare status line with no error body. */
describe('requests Node refuses before any route (pglite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app?.stop());

  test('headers over the limit: 431 HEADERS_TOO_LARGE in the error shape', async () => {
    const res = await http(app, 'GET', '/api/feed/shifts', { headers: { 'x-api-key': 'x'.repeat(70_000) } });
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ code: 'HEADERS_TOO_LARGE', message: expect.any(String) });
  });

  test('a malformed request: 400 VALIDATION_FAILED in the error shape', async () => {
    const res = await raw(app, 'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(res).toEqual({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
    expect((await http(app, 'GET', '/api/health')).status).toBe(200);
  });
});
