import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { OffersService } from '../offers/offers.service.js';
import { PresenceService } from '../presence/presence.service.js';
import { PresenceSchema, type PresenceInput } from '../presence/presence.schemas.js';
import { EmployerProfileSchema, WorkerProfileSchema, type WorkerProfileInput } from './account.schemas.js';
import { ProfilesService, toWorkerProfile } from './profiles.service.js';

@ApiTags('workers')
@ApiBearerAuth()
@Controller('workers/me')
export class WorkersController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly presence: PresenceService,
    private readonly offers: OffersService,
  ) {}

  @Post()
  @Roles()
  @ApiOperation({ summary: 'Create or update my worker profile; adds the worker role' })
  register(@CurrentAccount() account: SignedInAccount, @Body({ schema: WorkerProfileSchema }) body: WorkerProfileInput) {
    return this.profiles.saveWorker(account.id, body);
  }

  @Get()
  @Roles('worker')
  async me(@CurrentAccount() account: SignedInAccount) {
    return toWorkerProfile(await this.profiles.worker(account.id));
  }

  @Put('presence')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Waiting, busy or offline, with a location or a market' })
  setPresence(@CurrentAccount() account: SignedInAccount, @Body({ schema: PresenceSchema }) body: PresenceInput) {
    return this.presence.set(account.id, body);
  }

  @Get('offers')
  @Roles('worker')
  @ApiOperation({ summary: 'My offers still open' })
  openOffers(@CurrentAccount() account: SignedInAccount) {
    return this.offers.openFor(account.id);
  }
}

@ApiTags('employers')
@ApiBearerAuth()
@Controller('employers/me')
export class EmployersController {
  constructor(private readonly profiles: ProfilesService) {}

  @Post()
  @Roles()
  @ApiOperation({ summary: 'Create or update my employer profile; adds the employer role' })
  register(
    @CurrentAccount() account: SignedInAccount,
    @Body({ schema: EmployerProfileSchema }) body: { name: string; contactName?: string },
  ) {
    return this.profiles.saveEmployer(account.id, body);
  }

  @Get()
  @Roles('employer')
  me(@CurrentAccount() account: SignedInAccount) {
    return this.profiles.employer(account.id);
  }
}
