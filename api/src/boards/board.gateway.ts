import { Inject } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { handshake, HandshakeRefused } from '../realtime/handshake.js';
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
    handshake(nsp, async ({ marketId }) => {
      if (typeof marketId !== 'string' || marketId.length > 64) throw new HandshakeRefused('VALIDATION_FAILED');
      const market = await this.markets.find(marketId);
      if (!market) throw new HandshakeRefused('NOT_FOUND');
      return { market };
    });
  }

  handleConnection(socket: BoardSocket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', async () => {
      const { market } = socket.data;
      await socket.join(rooms.board(market.id));
      socket.emit('board:snapshot', await this.boards.snapshot(market));
    });
  }

  /** The market as it is now (an admin may have edited it since the board connected). */
  @SubscribeMessage('board:resync')
  resync(@ConnectedSocket() socket: BoardSocket) {
    const known = socket.data.market;
    return respond(socket, this.log, async () => this.boards.snapshot((await this.markets.find(known.id)) ?? known));
  }
}
