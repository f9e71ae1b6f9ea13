import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { AccountsReader } from '../auth/accounts.reader.js';
import { LOGGER } from '../common/logger.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { WalkInDirectory } from './walk-in.directory.js';
import { WalkInsService } from './walk-ins.service.js';

const marketsOf = (socket: Socket) => (socket.data as { marketIds: string[] }).marketIds;

/**
 * Market staff at the window: authenticated in the handshake (staff or admin), one room per market they
 * serve. Every (re)connect gets the open offers of those markets again, so a dropped console loses none.
 */
@WebSocketGateway({ namespace: '/staff' })
export class StaffGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly accounts: AccountsReader,
    private readonly walkIns: WalkInsService,
    private readonly directory: WalkInDirectory,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: Namespace): void {
    this.registry.staff = nsp;
    this.directory.attach(nsp);
    nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
      this.accounts
        .fromHandshake(token, ['staff', 'admin'])
        .then(async (account) => {
          if (!account) return next(new Error('UNAUTHENTICATED'));
          if (!account.roles.includes('staff') && !account.roles.includes('admin')) return next(new Error('FORBIDDEN'));
          socket.data = { accountId: account.id, marketIds: await this.walkIns.windowMarkets(account.id) };
          next();
        })
        .catch(() => next(new Error('INTERNAL')));
    });
  }

  handleConnection(socket: Socket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', async () => {
      const marketIds = marketsOf(socket);
      await socket.join(marketIds.map(rooms.staff));
      for (const offer of await this.walkIns.openOffersAt(marketIds)) socket.emit('offer', offer);
    });
  }
}
