import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { StaffShiftsService } from './staff-shifts.service.js';
import {
  ListWalkInsQuery,
  MarketQuery,
  RegisterWalkInSchema,
  StaffShiftSchema,
  VerifyPrioritySchema,
  WalkInPresenceSchema,
  WorkerIdParam,
  type RegisterWalkInInput,
  type StaffShiftInput,
  type VerifyPriorityInput,
} from './walk-ins.schemas.js';
import { WalkInsService } from './walk-ins.service.js';

const IdempotencyKey = z.string().min(1).max(200).optional();

/** The window: walk-in workers, their offers, and shifts posted for walk-in employers (protocol Part 2). */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
@Roles('staff', 'admin')
export class WalkInsController {
  constructor(
    private readonly walkIns: WalkInsService,
    private readonly staffShifts: StaffShiftsService,
  ) {}

  @Post('walk-ins')
  @ApiOperation({ summary: 'Register a walk-in worker: waiting at the market from now, with a ticket' })
  register(@CurrentAccount() account: SignedInAccount, @Body({ schema: RegisterWalkInSchema }) body: RegisterWalkInInput) {
    return this.walkIns.register(account.id, body);
  }

  @Get('walk-ins')
  @ApiOperation({ summary: "Today's walk-ins of a market, by ticket" })
  list(@CurrentAccount() account: SignedInAccount, @Query({ schema: ListWalkInsQuery }) q: z.infer<typeof ListWalkInsQuery>) {
    return this.walkIns.list(account.id, q.marketId, q.status);
  }

  @Put('walk-ins/:workerId/presence')
  @HttpCode(200)
  @ApiOperation({ summary: 'A walk-in waits (a new ticket on a new day) or leaves' })
  presence(
    @CurrentAccount() account: SignedInAccount,
    @Param({ schema: WorkerIdParam }) p: { workerId: string },
    @Body({ schema: WalkInPresenceSchema }) body: { status: 'waiting' | 'offline' },
  ) {
    return this.walkIns.setPresence(account.id, p.workerId, body.status);
  }

  @Post('walk-ins/:workerId/priority')
  @HttpCode(200)
  @ApiOperation({ summary: "Verify a worker's priority group from a certificate: only then does it count in ranking" })
  verifyPriority(
    @CurrentAccount() account: SignedInAccount,
    @Param({ schema: WorkerIdParam }) p: { workerId: string },
    @Body({ schema: VerifyPrioritySchema }) body: VerifyPriorityInput,
  ) {
    return this.walkIns.verifyPriority(account.id, p.workerId, body);
  }

  @Get('offers')
  @ApiOperation({ summary: "Open offers for the market's walk-ins (a console's reload)" })
  offers(@CurrentAccount() account: SignedInAccount, @Query({ schema: MarketQuery }) q: { marketId: string }) {
    return this.walkIns.openOffers(account.id, q.marketId);
  }

  @Post('shifts')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first response' })
  @ApiOperation({ summary: 'Post a shift for an employer at the window; dispatch starts at once' })
  async postShift(
    @CurrentAccount() account: SignedInAccount,
    @Body({ schema: StaffShiftSchema }) body: StaffShiftInput,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { status, body: shift } = await this.staffShifts.post(account.id, body, parseInput(IdempotencyKey, key));
    res.status(status);
    return shift;
  }
}
