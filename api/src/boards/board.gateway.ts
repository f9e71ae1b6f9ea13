import { Inject } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Market } from '@linggong/protocol';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { BoardService } from './board.service.js';
import { LOGGER } from '../common/logger.js';
import { MarketsService } from '../reference/markets.service.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { respond } from '../realtime/socket-ack.js';

const marketOf = (socket: Socket) => (socket.data as { market: Market }).market;

/** Public market boards: no token, one room per market, a snapshot on connect then numbered deltas. */
@WebSocketGateway({ namespace: '/board' })
export class BoardGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly markets: MarketsService,
    private readonly boards: BoardService,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: Namespace): void {
    this.registry.board = nsp;
    nsp.use((socket, next) => {
      const marketId = (socket.handshake.auth as { marketId?: unknown } | undefined)?.marketId;
      if (typeof marketId !== 'string' || marketId.length > 64) return next(new Error('VALIDATION_FAILED'));
      this.markets
        .find(marketId)
        .then((market) => {
          if (!market) return next(new Error('NOT_FOUND'));
          socket.data = { market };
          next();
        })
        .catch(() => next(new Error('INTERNAL')));
    });
  }

  handleConnection(socket: Socket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', async () => {
      const market = marketOf(socket);
      await socket.join(rooms.board(market.id));
      socket.emit('board:snapshot', await this.boards.snapshot(market));
    });
  }

  @SubscribeMessage('board:resync')
  resync(@ConnectedSocket() socket: Socket) {
    const market = marketOf(socket);
    return respond(socket, this.log, () => this.boards.snapshot(market));
  }
}
