import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { chinaDate, chinaMonth } from './month.js';
import { DailyQuery, MarketsQuery, TrendsQuery } from './figures.schemas.js';
import { FiguresService } from './figures.service.js';
import { FiguresTrendsService } from './figures-trends.service.js';

/** Issue #18's figures by day, their trends, and every market's row for the officer's map (public). */
@ApiTags('stats')
@Controller('stats')
export class FiguresController {
  constructor(
    private readonly figures: FiguresService,
    private readonly trendsService: FiguresTrendsService,
  ) {}

  @Get('daily')
  @ApiOperation({ summary: "One day's figures (same shape as monthly, `date` for `month`) for a region and/or market" })
  daily(@Query({ schema: DailyQuery }) q: z.infer<typeof DailyQuery>) {
    return this.figures.day(q.date ?? chinaDate(new Date()), { regionCode: q.regionCode, marketId: q.marketId });
  }

  @Get('trends')
  @ApiOperation({
    summary: '12 months ending at `month`, oldest first, and every day of `month`: demand, seekers, ratio, hires, fill rate',
  })
  trends(@Query({ schema: TrendsQuery }) q: z.infer<typeof TrendsQuery>) {
    return this.trendsService.trends(q.month ?? chinaMonth(new Date()), { regionCode: q.regionCode, marketId: q.marketId });
  }

  @Get('markets')
  @ApiOperation({ summary: "Every market in the region with its month's demand, seekers, ratio, hires and fill rate (zero rows too)" })
  markets(@Query({ schema: MarketsQuery }) q: z.infer<typeof MarketsQuery>) {
    return this.trendsService.markets(q.month ?? chinaMonth(new Date()), q.regionCode);
  }
}
