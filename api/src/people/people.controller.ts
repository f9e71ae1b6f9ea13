import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ScopeRole } from '@linggong/protocol';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AccountIdParam, AddPersonSchema, ListPeopleQuery, RemovePersonQuery, type AddPersonInput } from './people.schemas.js';
import { PeopleService } from './people.service.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller('admin/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Make a phone staff of markets, or admin or officer of a region, within my region (the account is created if new)',
  })
  add(@CurrentAccount() account: SignedInAccount, @Body({ schema: AddPersonSchema }) body: AddPersonInput) {
    return this.people.add(account.id, body);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Staff, admins and officers in my region (or in one region of it), with their phones' })
  list(@CurrentAccount() account: SignedInAccount, @Query({ schema: ListPeopleQuery }) q: { regionCode?: string }) {
    return this.people.list(account.id, q.regionCode);
  }

  @Delete(':accountId')
  @Roles('admin')
  @ApiOperation({ summary: 'Take a role away within my region; with its last scope the role leaves the account' })
  remove(
    @CurrentAccount() account: SignedInAccount,
    @Param({ schema: AccountIdParam }) p: { accountId: string },
    @Query({ schema: RemovePersonQuery }) q: { role: ScopeRole },
  ) {
    return this.people.remove(account.id, p.accountId, q.role);
  }
}
