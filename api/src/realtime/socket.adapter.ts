import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import { AppError } from '../common/errors.js';
import type { AppConfig } from '../config/config.js';
import type { RedisConnections } from '../redis/redis.connections.js';
import { exemptFromLimits, originAllowed } from '../security/origins.js';
import { socketLanguage } from './socket-ack.js';
import { capConnections, clientAddress, EventBudget, type TrustProxy } from './socket-limits.js';

/** What the adapter enforces for every namespace (issue #19): allowed origins, connections per address, events per socket. */
export interface SocketLimits {
  config: Pick<AppConfig, 'production' | 'allowedOrigins' | 'limits'>;
  trustProxy: TrustProxy;
}

/**
 * Socket.IO for the gateways, lean per connection (tens of thousands of idle phones on one instance):
 * - each `@SubscribeMessage` handler is one plain `socket.on` listener, not Nest's default rxjs pipeline
 *   (a dozen subscribers and ~75 closures per socket); a message still runs through Nest's handler context
 *   (pipes, guards, filters) and its answer still goes to the acknowledgement;
 * - the engine keeps a slim copy of the first HTTP request instead of the request itself (Socket.IO's
 *   "memory usage" advice); the handshake still has its headers, url and query. This frees the request of
 *   sessions that start on long-polling (clients not set to WebSocket only); a direct WebSocket's request stays
 *   reachable anyway, from a 'close' listener engine.io 6.6 leaves on the TCP socket (WebSocketResponse).
 */
export class SocketAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly scaleOut?: RedisConnections['socketAdapter'],
    private readonly limits?: SocketLimits,
  ) {
    super(app);
  }

  override create(port: number, options?: Parameters<IoAdapter['create']>[1]): Server {
    const created: Server | Namespace = super.create(port, options);
    // One namespace per gateway: its connection cap runs before the gateway's own handshake.
    if (this.limits && options?.namespace) {
      const { config, trustProxy } = this.limits;
      capConnections(created as Namespace, config.limits.socketConnectionsPerAddress, (socket) => {
        const address = clientAddress(socket.conn.remoteAddress, socket.handshake.headers, trustProxy);
        return exemptFromLimits(config, address) ? undefined : address;
      });
    }
    return created as Server;
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const tuned: Partial<ServerOptions> = {
      ...options,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      maxHttpBufferSize: 64 * 1024,
      // Socket.IO's default, stated: zlib contexts would cost hundreds of KB of native memory per socket.
      perMessageDeflate: false,
    };
    if (this.limits) {
      const { config } = this.limits;
      // Browsers do not apply CORS to WebSockets: a page from another site could open a socket with the
      // visitor's network position, so the Origin is checked here. Clients that are not browser pages send none.
      tuned.allowRequest = (req, callback) => {
        const origin = req.headers.origin;
        callback(null, !origin || originAllowed(config, origin, req.headers.host));
      };
      tuned.cors = { origin: (origin, callback) => callback(null, origin !== undefined && config.allowedOrigins.includes(origin)) };
    }
    const server = super.createIOServer(port, tuned as ServerOptions);
    if (this.scaleOut) server.adapter(this.scaleOut);
    server.engine.on('connection', (raw: { request: IncomingMessage | SlimRequest }) => {
      raw.request = slimRequest(raw.request as IncomingMessage);
    });
    return server;
  }

  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const budget = this.limits && new EventBudget(this.limits.config.limits.socketEventsPerS, this.limits.config.limits.socketEventsBurst);
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: unknown };
        if (budget && !budget.take()) {
          if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, ...RATE_LIMITED.toBody(socketLanguage(socket)) });
          return;
        }
        const answer = (response: unknown) => {
          if (response === undefined || response === null) return;
          const { event, data: eventData } = response as { event?: string; data?: unknown };
          if (event) socket.emit(event, eventData);
          else if (!isAckHandledManually && typeof ack === 'function') (ack as (r: unknown) => void)(response);
        };
        try {
          transform(callback(data, ack)).subscribe({ next: answer, error: (err: unknown) => this.logger.error(err) });
        } catch (err) {
          this.logger.error(err);
        }
      });
    }
  }
}

const RATE_LIMITED = new AppError('RATE_LIMITED');

/** What Socket.IO reads from the first request when a namespace connects (`buildHandshake`). */
interface SlimRequest {
  headers: IncomingMessage['headers'];
  url?: string;
  _query?: unknown;
  connection: { encrypted: boolean };
}

function slimRequest(req: IncomingMessage): SlimRequest {
  return {
    headers: req.headers,
    url: req.url,
    _query: (req as IncomingMessage & { _query?: unknown })._query,
    connection: { encrypted: Boolean((req.socket as { encrypted?: boolean } | null)?.encrypted) },
  };
}
