import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { connect, emitAck, newWorker } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A board socket as a browser page at `origin` would open it, from `address` as the trusted proxy reports it. */
function board(app: TestApp, headers: Record<string, string>): Promise<Socket> {
  const socket = io(`${app.url}/board`, {
    auth: { marketId: 'lz-chengguan' },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe('socket origins and limits (issue #19, finding 7)', () => {
  let app: TestApp;
  const open: Socket[] = [];
  const keep = (s: Socket) => (open.push(s), s);

  beforeAll(async () => {
    app = await startTestApp('pglite', {
      TRUST_PROXY: 'loopback',
      ALLOWED_ORIGINS: 'https://partner.example.cn',
      SOCKET_CONNECTIONS_PER_ADDRESS: '3',
      SOCKET_EVENTS_PER_S: '1',
      SOCKET_EVENTS_BURST: '3',
    });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.stop();
  });

  test('a page from another site is refused; the own origin, configured origins and non-browser clients connect', async () => {
    const host = new URL(app.url).host;
    await expect(board(app, { Origin: 'https://evil.example.com' })).rejects.toThrow();
    keep(await board(app, { Origin: `http://${host}` })).close();
    keep(await board(app, { Origin: 'https://partner.example.cn' })).close();
    keep(await board(app, {})).close();
  });

  test('at most N sockets per address and namespace, a place frees on disconnect', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.7' };
    const first = [keep(await board(app, from)), keep(await board(app, from)), keep(await board(app, from))];
    await expect(board(app, from)).rejects.toThrow('RATE_LIMITED');
    // Another address is not affected.
    keep(await board(app, { 'X-Forwarded-For': '203.0.113.8' }));
    first[0].close();
    await new Promise((r) => setTimeout(r, 200));
    keep(await board(app, from));
    await expect(board(app, from)).rejects.toThrow('RATE_LIMITED');
  });

  test('a socket sending events faster than allowed gets RATE_LIMITED acks, then is served again', async () => {
    const worker = await newWorker(app);
    const socket = keep(await connect(app, '/worker', { token: worker.token }));
    const acks = await Promise.all(Array.from({ length: 6 }, () => emitAck(socket, 'offer:decline', { offerId: 'nope' })));
    const codes = acks.map((a: { ok: boolean; code?: string }) => a.code);
    expect(codes.slice(0, 3)).not.toContain('RATE_LIMITED');
    expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(acks[3]).toEqual({ ok: false, code: 'RATE_LIMITED', message: expect.any(String) });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await emitAck(socket, 'offer:decline', { offerId: 'nope' })).code).not.toBe('RATE_LIMITED');
  });
});
