import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { IdParam } from '../common/validation.js';
import { FeedKeysService } from './feed-keys.service.js';
import { CreateFeedKeySchema, ListFeedKeysQuery, type CreateFeedKeyInput } from './feed.schemas.js';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('admin/feed-keys')
export class FeedKeysController {
  constructor(private readonly keys: FeedKeysService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: "A provincial platform's key to my region's feeds: the key is shown this once" })
  create(@CurrentAccount() account: SignedInAccount, @Body({ schema: CreateFeedKeySchema }) body: CreateFeedKeyInput) {
    return this.keys.create(account.id, body);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Feed keys of my regions (never the keys themselves)' })
  list(@CurrentAccount() account: SignedInAccount, @Query({ schema: ListFeedKeysQuery }) q: { regionCode?: string }) {
    return this.keys.list(account.id, q.regionCode);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a feed key: it is refused (401) from now on' })
  revoke(@CurrentAccount() account: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.keys.revoke(account.id, p.id);
  }
}
