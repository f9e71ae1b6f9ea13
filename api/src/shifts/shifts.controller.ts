import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentAccount, OptionalAuth, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AppError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { IdParam, ListShiftsQuery, PostShiftSchema, type PostShiftInput } from './shift.schemas.js';
import { ShiftsService } from './shifts.service.js';

const IdempotencyKey = z.string().min(1).max(200).optional();

@ApiTags('shifts')
@ApiBearerAuth()
@Controller('shifts')
export class ShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Post()
  @Roles('employer')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first response' })
  @ApiOperation({ summary: 'Post a shift; dispatch starts at once' })
  async post(
    @CurrentAccount() account: SignedInAccount,
    @Body({ schema: PostShiftSchema }) body: PostShiftInput,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const idempotencyKey = parseInput(IdempotencyKey, key);
    const { status, body: shift } = await this.shifts.post(account.id, body, idempotencyKey);
    res.status(status);
    return shift;
  }

  @Get()
  @OptionalAuth()
  @ApiOperation({
    summary:
      'Shifts near a market: open ones, placed to about 100 m unless I hold an offer or a hire; `mine=1` lists my own in every status (employer), staff see their market in full',
  })
  list(@CurrentAccount() account: SignedInAccount | undefined, @Query({ schema: ListShiftsQuery }) q: z.infer<typeof ListShiftsQuery>) {
    if (q.mine && !account) throw new AppError('UNAUTHENTICATED');
    return this.shifts.list(account?.id, { marketId: q.marketId, status: q.status, limit: q.limit, mine: !!q.mine });
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({ summary: 'One shift; its employer also sees offers and hires' })
  get(@CurrentAccount() account: SignedInAccount | undefined, @Param({ schema: IdParam }) p: { id: string }) {
    return this.shifts.view(p.id, account?.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('employer')
  @ApiOperation({ summary: 'Cancel my shift: open offers are withdrawn, hired workers told' })
  cancel(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.shifts.cancel(account.id, p.id);
  }
}
