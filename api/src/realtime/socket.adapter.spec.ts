import { afterEach, describe, expect, test } from '@jest/globals';
import type { MessageMappingProperties } from '@nestjs/websockets';
import http, { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { from, isObservable, mergeAll, of, type Observable } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { SocketAdapter } from './socket.adapter.js';

/**
 * Nest's own transform (WebSocketsController: `fromPromise(pickResult(result)).pipe(mergeAll())`): a
 * handler's value, or a promise of a value or of an observable, whose every value is an answer.
 */
const transform = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result).then((value) => (isObservable(value) ? value : of(value)))).pipe(mergeAll());

const handler = (message: string, callback: MessageMappingProperties['callback']): MessageMappingProperties => ({
  message,
  methodName: message,
  callback,
  isAckHandledManually: false,
});

describe('SocketAdapter', () => {
  let httpServer: http.Server;
  let server: Server;
  let client: ClientSocket | undefined;

  afterEach(async () => {
    client?.disconnect();
    // a polling client's goodbye is one more request: let it land before the server goes
    await new Promise((r) => setTimeout(r, 100));
    await server?.close();
    httpServer?.close();
  });

  /** A real Socket.IO server from the adapter on a free port; `onSocket` binds each connection's handlers. */
  async function start(onSocket: (socket: Socket, adapter: SocketAdapter) => void): Promise<string> {
    httpServer = http.createServer();
    const adapter = new SocketAdapter(httpServer as never);
    server = adapter.createIOServer(0);
    server.of('/t').on('connection', (socket) => onSocket(socket, adapter));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/t`;
  }

  test('a message reaches its handler through one plain listener and the answer goes to the ack', async () => {
    const seen: Socket[] = [];
    const url = await start((socket, adapter) => {
      seen.push(socket);
      adapter.bindMessageHandlers(
        socket,
        [
          handler('echo', (data: unknown) => Promise.resolve({ ok: true, echoed: data })),
          handler('sync', () => ({ ok: true, sync: 1 }) as never),
          handler('silent', () => Promise.resolve(undefined)),
          // what Nest's context answers for a handler returning an Observable: a promise of it
          handler('observed', () => Promise.resolve(of({ ok: true, via: 'observable' })) as never),
        ],
        transform,
      );
    });
    client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await expect(client.timeout(2000).emitWithAck('echo', { a: 1 })).resolves.toEqual({ ok: true, echoed: { a: 1 } });
    await expect(client.timeout(2000).emitWithAck('sync')).resolves.toEqual({ ok: true, sync: 1 });
    await expect(client.timeout(300).emitWithAck('silent')).rejects.toThrow();
    await expect(client.timeout(2000).emitWithAck('observed')).resolves.toEqual({ ok: true, via: 'observable' });
    const [socket] = seen;
    expect(socket.listeners('echo')).toHaveLength(1);
    // nothing else per socket: no disconnect subscription from the message binding
    expect(socket.listeners('disconnect')).toHaveLength(0);
  });

  test('a handler that throws is logged; the socket keeps answering', async () => {
    let calls = 0;
    const url = await start((socket, adapter) =>
      adapter.bindMessageHandlers(
        socket,
        [
          handler('flaky', () => {
            calls++;
            if (calls === 1) throw new Error('boom');
            if (calls === 2) return Promise.reject(new Error('boom, later'));
            return Promise.resolve({ ok: true, calls });
          }),
        ],
        transform,
      ),
    );
    client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await expect(client.timeout(300).emitWithAck('flaky')).rejects.toThrow();
    await expect(client.timeout(300).emitWithAck('flaky')).rejects.toThrow();
    await expect(client.timeout(2000).emitWithAck('flaky')).resolves.toEqual({ ok: true, calls: 3 });
  });

  test.each([['websocket'], ['polling']])('over %s the handshake keeps headers, url and query', async (transport) => {
    const sockets: Socket[] = [];
    const url = await start((socket) => sockets.push(socket));
    client = connect(url, {
      transports: [transport],
      forceNew: true,
      reconnection: false,
      extraHeaders: { 'accept-language': 'en' },
      query: { v: '1' },
    });
    await new Promise<void>((resolve, reject) => {
      client!.on('connect', resolve);
      client!.on('connect_error', reject);
    });
    const [socket] = sockets;
    expect(socket.handshake.headers['accept-language']).toBe('en');
    expect(socket.handshake.query.v).toBe('1');
    expect(socket.handshake.url).toContain('/socket.io/');
    // the engine keeps a slim copy, not the request (and what hangs off it)
    expect(socket.conn.request).not.toBeInstanceOf(IncomingMessage);
  });
});
