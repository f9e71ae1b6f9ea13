import { Inject } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { RealtimeRegistry, rooms, type BoardNamespace, type BoardSocket } from '../realtime/realtime.registry.js';
import { respond } from '../realtime/socket-ack.js';
import { MarketsService } from '../reference/markets.service.js';
import { BoardService } from './board.service.js';

/** Public market boards: no token, one room per market, a snapshot on connect then numbered deltas. */
@WebSocketGateway({ namespace: '/board' })
export class BoardGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly markets: MarketsService,
    private readonly boards: BoardService,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: BoardNamespace): void {
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

  handleConnection(socket: BoardSocket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', async () => {
      const { market } = socket.data;
      await socket.join(rooms.board(market.id));
      socket.emit('board:snapshot', await this.boards.snapshot(market));
    });
  }

  @SubscribeMessage('board:resync')
  resync(@ConnectedSocket() socket: BoardSocket) {
    const { market } = socket.data;
    return respond(socket, this.log, () => this.boards.snapshot(market));
  }
}
