import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AccountsReader } from '../auth/accounts.reader.js';
import { LOGGER } from '../common/logger.js';
import { parseInput } from '../common/validation.js';
import { OffersService } from '../offers/offers.service.js';
import { PresenceSchema } from '../presence/presence.schemas.js';
import { PresenceService } from '../presence/presence.service.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { requireAccount } from '../realtime/handshake.js';
import { RealtimeRegistry, rooms, type WorkerNamespace, type WorkerSocket } from '../realtime/realtime.registry.js';
import { respond } from '../realtime/socket-ack.js';

const OfferInput = z.object({ offerId: z.string().min(1).max(64) });
const workerOf = (socket: WorkerSocket) => socket.data.workerId;

/** Workers' phones: authenticated in the handshake, one room per worker, open offers re-sent on every connect. */
@WebSocketGateway({ namespace: '/worker' })
export class WorkerGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly accounts: AccountsReader,
    private readonly presence: PresenceService,
    private readonly offers: OffersService,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: WorkerNamespace): void {
    this.registry.worker = nsp;
    requireAccount(nsp, this.accounts, 'worker', (workerId) => ({ workerId }));
  }

  handleConnection(socket: WorkerSocket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', async () => {
      const workerId = workerOf(socket);
      await socket.join(rooms.worker(workerId));
      await this.presence.connected(workerId);
      for (const offer of await this.offers.openFor(workerId)) socket.emit('offer', offer);
    });
  }

  handleDisconnect(socket: WorkerSocket): Promise<void> {
    return guardConnection(socket, this.log, 'disconnect', async () => {
      const workerId = workerOf(socket);
      if (!workerId) return;
      const stillHere = socket.nsp.adapter.rooms.get(rooms.worker(workerId))?.size ?? 0;
      if (stillHere === 0) await this.presence.disconnected(workerId);
    });
  }

  @SubscribeMessage('presence')
  setPresence(@ConnectedSocket() socket: WorkerSocket, @MessageBody() body: unknown) {
    return respond(socket, this.log, () => this.presence.set(workerOf(socket), parseInput(PresenceSchema, body)));
  }

  @SubscribeMessage('offer:accept')
  accept(@ConnectedSocket() socket: WorkerSocket, @MessageBody() body: unknown) {
    return respond(socket, this.log, async () => {
      const { offerId } = parseInput(OfferInput, body);
      const { assignment } = await this.offers.accept(workerOf(socket), offerId);
      return { assignment };
    });
  }

  @SubscribeMessage('offer:decline')
  decline(@ConnectedSocket() socket: WorkerSocket, @MessageBody() body: unknown) {
    return respond(socket, this.log, async () => {
      const { offerId } = parseInput(OfferInput, body);
      await this.offers.decline(workerOf(socket), offerId);
      return {};
    });
  }
}
