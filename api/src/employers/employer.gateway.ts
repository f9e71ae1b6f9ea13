import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { AccountsReader } from '../auth/accounts.reader.js';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { parseInput } from '../common/validation.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import { RealtimeRegistry, rooms } from '../realtime/realtime.registry.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { respond } from '../realtime/socket-ack.js';

const WatchInput = z.object({ shiftId: z.string().min(1).max(64) });
const employerOf = (socket: Socket) => (socket.data as { employerId: string }).employerId;

/** Employers watch their shifts fill: every change to any of their shifts arrives as `shift:updated`. */
@WebSocketGateway({ namespace: '/employer' })
export class EmployerGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly accounts: AccountsReader,
    private readonly shifts: ShiftsService,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: Namespace): void {
    this.registry.employer = nsp;
    nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
      this.accounts
        .fromHandshake(token, ['employer'])
        .then((account) => {
          if (!account) return next(new Error('UNAUTHENTICATED'));
          if (!account.roles.includes('employer')) return next(new Error('FORBIDDEN'));
          socket.data = { employerId: account.id };
          next();
        })
        .catch(() => next(new Error('INTERNAL')));
    });
  }

  handleConnection(socket: Socket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', () => Promise.resolve(socket.join(rooms.employer(employerOf(socket)))));
  }

  @SubscribeMessage('shift:watch')
  watch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown) {
    return respond(socket, this.log, async () => {
      const { shiftId } = parseInput(WatchInput, body);
      const shift = await this.shifts.get(shiftId);
      if (shift.employerId !== employerOf(socket)) throw new AppError('FORBIDDEN');
      return { shift: await this.shifts.employerView(shift) };
    });
  }
}
