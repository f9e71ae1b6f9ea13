import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { PublishedFigures } from '@linggong/protocol';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { printPage } from './print-page.js';
import { toPublishedFigures } from '../stats/published-figures.js';
import {
  LatestQuery,
  PrintQuery,
  PublishSchema,
  type LatestQueryInput,
  type PrintQueryInput,
  type PublishInput,
} from './publication.schemas.js';
import { PublicationService } from './publication.service.js';

@ApiTags('stats')
@Controller('stats/monthly')
export class PublicationController {
  constructor(private readonly publication: PublicationService) {}

  @Post('publish')
  @Roles('officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Publish a month's figures for my region: frozen as they are now, as the next version" })
  publish(@CurrentAccount() account: SignedInAccount, @Body({ schema: PublishSchema }) body: PublishInput) {
    return this.publication.publish(account.id, body);
  }

  @Get('latest')
  @ApiOperation({
    summary: "A region's latest published month at its latest version, as `{ published }`; `published: null` when it never published",
  })
  async latest(@Query({ schema: LatestQuery }) q: LatestQueryInput): Promise<{ published: PublishedFigures | null }> {
    const row = await this.publication.latest(q.regionCode);
    return { published: row ? toPublishedFigures(row) : null };
  }

  @Get('print')
  @ApiOperation({ summary: 'A published month as a printable page in Chinese (tables and bar charts; latest version unless `version`)' })
  async print(@Query({ schema: PrintQuery }) q: PrintQueryInput, @Res({ passthrough: true }) res: Response) {
    const row = await this.publication.find(q.month, q.regionCode, q.version);
    res.type('text/html; charset=utf-8');
    return printPage(row);
  }
}
