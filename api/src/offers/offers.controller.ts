import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { IdParam } from '../common/validation.js';
import { OffersService } from './offers.service.js';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Accept an offer: first come, first served, never more than the headcount' })
  async accept(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    const { assignment } = await this.offers.accept(account.id, p.id);
    return { assignment };
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('worker')
  async decline(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    await this.offers.decline(account.id, p.id);
    return {};
  }
}
