import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { FeedKeysService } from './feed-keys.service.js';
import { FeedPageQuery, ImportShiftSchema, type FeedPageInput, type ImportShiftInput } from './feed.schemas.js';
import { FeedService } from './feed.service.js';
import { ShiftImportService } from './shift-import.service.js';

const API_KEY = { name: 'X-Api-Key', required: true, description: 'A feed key (POST /api/admin/feed-keys)' };

@ApiTags('feed')
@Controller('feed')
export class FeedController {
  constructor(
    private readonly keys: FeedKeysService,
    private readonly feed: FeedService,
    private readonly imports: ShiftImportService,
  ) {}

  @Get('shifts')
  @ApiHeader(API_KEY)
  @ApiOperation({ summary: "Every version of every shift of the key's region, in order; page with `cursor` until `items` is empty" })
  async shifts(@Headers('x-api-key') apiKey: string | undefined, @Query({ schema: FeedPageQuery }) q: FeedPageInput) {
    return this.feed.shifts(await this.keys.authenticate(apiKey), q.cursor, q.limit);
  }

  @Get('figures')
  @ApiHeader(API_KEY)
  @ApiOperation({ summary: "Every publication of the key's region's months, in order, paged like the shifts" })
  async figures(@Headers('x-api-key') apiKey: string | undefined, @Query({ schema: FeedPageQuery }) q: FeedPageInput) {
    return this.feed.figures(await this.keys.authenticate(apiKey), q.cursor, q.limit);
  }

  @Post('import/shifts')
  @ApiHeader(API_KEY)
  @ApiOperation({ summary: 'Post a shift from another system (key with canImport); the same source and externalId again answers 200' })
  async importShift(
    @Headers('x-api-key') apiKey: string | undefined,
    @Body({ schema: ImportShiftSchema }) body: ImportShiftInput,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { status, body: shift } = await this.imports.import(await this.keys.authenticate(apiKey), body);
    res.status(status);
    return shift;
  }
}
