import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { MarketsService } from '../reference/markets.service.js';
import { IdParam } from '../shifts/shift.schemas.js';
import { MarketEditor } from './market-editor.service.js';
import { CreateMarketSchema, PatchMarketSchema, type CreateMarketInput, type PatchMarketInput } from './market.schemas.js';

@ApiTags('markets')
@Controller()
export class MarketsController {
  constructor(
    private readonly markets: MarketsService,
    private readonly editor: MarketEditor,
  ) {}

  @Get('markets')
  @ApiOperation({
    summary: 'Every active market: kind, operator, place and reach, hours, hotline, complaint channel, services, amenities, guide',
  })
  async list() {
    await this.markets.reload();
    return this.markets.all();
  }

  @Get('markets/:id')
  @ApiOperation({ summary: 'One active market, with its contract, guide (办事指南) and staffOnDuty' })
  one(@Param({ schema: IdParam }) p: { id: string }) {
    return this.editor.publicDetail(p.id);
  }

  @Post('markets')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a market in my region (admin); kind may be doorstep (家门口), operator contracted needs its contract' })
  create(@CurrentAccount() account: SignedInAccount, @Body({ schema: CreateMarketSchema }) body: CreateMarketInput) {
    return this.editor.create(account.id, body);
  }

  @Patch('markets/:id')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Edit a market: its region’s admin any field; its own staff only the public details (hours, hotline, complaintChannel, services, amenities, guide, address); active:false hides it',
  })
  patch(
    @CurrentAccount() account: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: PatchMarketSchema }) body: PatchMarketInput,
  ) {
    return this.editor.patch(account.id, p.id, body);
  }

  @Get('staff/markets')
  @Roles('staff', 'admin', 'officer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The markets I serve or oversee (staff of markets, admin or officer of regions), hidden ones included' })
  mine(@CurrentAccount() account: SignedInAccount) {
    return this.editor.inScope(account.id);
  }
}
