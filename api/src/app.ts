import 'reflect-metadata';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { createLogger, NestPinoLogger } from './common/logger.js';
import { rejectNulCharacters } from './common/nul-guard.js';
import type { AppConfig } from './config/config.js';
import { openDatabase, type Database } from './database/database.js';
import { Lifecycle } from './health/lifecycle.js';
import { setupOpenApi } from './openapi.js';
import { drainSockets } from './realtime/drain.js';
import { RealtimeRegistry } from './realtime/realtime.registry.js';
import { SocketAdapter } from './realtime/socket.adapter.js';
import type { TrustProxy } from './realtime/socket-limits.js';
import { answerClientErrors } from './security/client-errors.js';
import { cors, jsonBody, securityHeaders } from './security/http-security.js';
import { RedisConnections } from './redis/redis.connections.js';
import { seedDemo, seedReference } from './reference/seed.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** How long closing waits for clients' open requests before it cuts their connections. */
const CUT_CONNECTIONS_AFTER_MS = 2_000;

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  database: Database;
  log: Logger;
  close(): Promise<void>;
  /** SIGTERM: report draining, let the balancer notice, move sockets off gradually, finish, close. */
  shutdown(): Promise<void>;
}

/**
 * Start-up in one place: opens the database (unless given) and seeds it, builds the Nest app (modules start
 * their own stores, subscriptions and timers in their lifecycle hooks), adds the HTTP middleware, OpenAPI,
 * the socket adapter and the front ends, and with `listen` serves it. `close` and `shutdown` end it.
 */
export async function createApp(config: AppConfig, options: { database?: Database; listen?: boolean } = {}): Promise<RunningApp> {
  const log = createLogger(config);
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize, dataDir: config.dataDir }));
  await seedReference(database.prisma);
  if (config.demoData && (await seedDemo(database.prisma))) log.info('demo data loaded');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, database, log }), {
    logger: new NestPinoLogger(log),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  answerClientErrors(app.getHttpServer());
  app.set('trust proxy', config.trustProxy);
  app.use(...securityHeaders(config), cors(config));
  app.use(compression());
  app.use(...jsonBody());
  app.use(rejectNulCharacters);
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(
    new SocketAdapter(app, app.get(RedisConnections, { strict: false }).socketAdapter, {
      config,
      trustProxy: app.getHttpAdapter().getInstance().get('trust proxy fn') as TrustProxy,
    }),
  );
  setupOpenApi(app);
  serveFrontEnds(app);
  if (options.listen !== false) await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const close = async () => {
    // Nest's close waits for every open connection, and one whose request was never finished (a client
    // gone quiet mid-request) would hold a shutdown for ever: what is still open after a moment is cut.
    const server: http.Server = app.getHttpServer();
    const cut = setTimeout(() => {
      log.warn({ event: 'shutdown.connections_cut' }, 'connections still open: closing them');
      server.closeAllConnections();
    }, CUT_CONNECTIONS_AFTER_MS);
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
    }
    if (!options.database) await database.close();
  };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    database,
    log,
    close,
    shutdown: async () => {
      app.get(Lifecycle, { strict: false }).draining = true;
      log.info({ event: 'shutdown.draining', drainS: config.shutdown.drainS }, 'draining');
      await new Promise((r) => setTimeout(r, config.shutdown.drainS * 1000));
      const moved = await drainSockets(app.get(RealtimeRegistry, { strict: false }).all(), config.shutdown.spreadS * 1000);
      log.info({ event: 'shutdown.sockets_moved', sockets: moved }, 'sockets disconnected');
      await close();
      log.info({ event: 'shutdown.done' }, 'stopped');
    },
  };
}

function serveFrontEnds(app: NestExpressApplication): void {
  const dirs: Array<[string, string]> = [
    ['/board', path.join(ROOT, 'board/dist')],
    ['/m', path.join(ROOT, 'mobile-web/dist')],
    ['/console', path.join(ROOT, 'console/dist')],
  ];
  for (const [mount, dir] of dirs) {
    if (!fs.existsSync(dir)) continue;
    app.use(
      mount,
      express.static(dir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          // Hashed bundles never change; the shell, manifest and service worker must be revalidated.
          res.setHeader(
            'Cache-Control',
            file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
  }
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method === 'GET' && req.path === '/') return res.redirect(302, '/m/');
    next();
  });
}
