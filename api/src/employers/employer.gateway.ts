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
import { z } from 'zod';
import { AccountsReader } from '../auth/accounts.reader.js';
import { AppError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { parseInput } from '../common/validation.js';
import { guardConnection } from '../realtime/connection-guard.js';
import { requireAccount } from '../realtime/handshake.js';
import { RealtimeRegistry, rooms, type EmployerNamespace, type EmployerSocket } from '../realtime/realtime.registry.js';
import { respond } from '../realtime/socket-ack.js';
import { ShiftsService } from '../shifts/shifts.service.js';

const WatchInput = z.object({ shiftId: z.string().min(1).max(64) });

/** Employers watch their shifts fill: every change to any of their shifts arrives as `shift:updated`. */
@WebSocketGateway({ namespace: '/employer' })
export class EmployerGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly accounts: AccountsReader,
    private readonly shifts: ShiftsService,
    private readonly registry: RealtimeRegistry,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  afterInit(nsp: EmployerNamespace): void {
    this.registry.employer = nsp;
    requireAccount(nsp, this.accounts, 'employer', (employerId) => ({ employerId }));
  }

  handleConnection(socket: EmployerSocket): Promise<void> {
    return guardConnection(socket, this.log, 'connect', () => Promise.resolve(socket.join(rooms.employer(socket.data.employerId))));
  }

  @SubscribeMessage('shift:watch')
  watch(@ConnectedSocket() socket: EmployerSocket, @MessageBody() body: unknown) {
    return respond(socket, this.log, async () => {
      const { shiftId } = parseInput(WatchInput, body);
      const shift = await this.shifts.get(shiftId);
      if (shift.employerId !== socket.data.employerId) throw new AppError('FORBIDDEN');
      return { shift: await this.shifts.employerView(shift) };
    });
  }
}
