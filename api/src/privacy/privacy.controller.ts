import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('workers/me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @Roles('worker')
  @ApiOperation({ summary: 'Everything held about me: profile, hires, offers, cases, work-log rows that mention me (PIPL)' })
  export(@CurrentAccount() account: SignedInAccount) {
    return this.privacy.export(account.id);
  }

  @Delete()
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({
    summary: 'Delete my account: name and phone erased, hires kept under a pseudonym; refused while I hold an upcoming hire',
  })
  remove(@CurrentAccount() account: SignedInAccount) {
    return this.privacy.delete(account.id);
  }
}
