import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { IdParam } from '../common/validation.js';
import { OfferActors } from './offer-actors.js';
import { OffersService } from './offers.service.js';

@ApiTags('offers')
@ApiBearerAuth()
@Controller('offers')
export class OffersController {
  constructor(
    private readonly offers: OffersService,
    private readonly actors: OfferActors,
  ) {}

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('worker', 'staff', 'admin')
  @ApiOperation({
    summary: 'Accept an offer: first come, first served, never more than the headcount; staff accept for walk-ins of their market',
  })
  async accept(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    const actor = await this.actors.actorFor(account, p.id);
    const { assignment } = await this.offers.accept(actor.workerId, p.id, actor.assisted);
    this.actors.answered(actor);
    return { assignment };
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('worker', 'staff', 'admin')
  async decline(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    const actor = await this.actors.actorFor(account, p.id);
    await this.offers.decline(actor.workerId, p.id);
    this.actors.answered(actor);
    return {};
  }
}
