import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { PublishedFigures } from '@linggong/protocol';
import { z } from 'zod';
import { AppError, fieldError } from '../common/errors.js';
import { chinaMonth } from './month.js';
import type { MonthlyStats } from './monthly-stats.service.js';
import { MarketParam } from './figures.schemas.js';
import { FiguresService } from './figures.service.js';
import { toPublishedFigures } from './published-figures.js';
import { PublishedMonthsRepository } from './published-months.repository.js';

const MonthlyQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    // Months outside 2000–2099 have no data and fall outside what timestamps and Date.UTC handle alike.
    .refine((m) => m >= '2000-01' && m <= '2099-12', { error: '月份须在 2000-01 至 2099-12 之间 / a month from 2000-01 to 2099-12' })
    .optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  marketId: MarketParam.optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** `published=1`: the figures as frozen at the latest publication (or at `version`). */
  published: z.enum(['1', 'true']).optional(),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly figures: FiguresService,
    private readonly published: PublishedMonthsRepository,
  ) {}

  @Get('monthly')
  @ApiOperation({
    summary: '求人倍率 and 工资价位 for a month and region; `format=csv` for CSV; `published=1` (and `version`) for a publication',
  })
  async get(@Query({ schema: MonthlyQuery }) q: z.infer<typeof MonthlyQuery>, @Res({ passthrough: true }) res: Response) {
    const month = q.month ?? chinaMonth(new Date());
    const frozen = q.published ? await this.publishedFigures(month, q.regionCode, q.version) : undefined;
    const stats: MonthlyStats | PublishedFigures =
      frozen ?? (await this.figures.month(month, { regionCode: q.regionCode, marketId: q.marketId }));
    if (q.format !== 'csv') return stats;
    const version = frozen ? `-v${frozen.version}` : '';
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="linggong-${stats.month}-${stats.regionCode ?? 'all'}${version}.csv"`);
    return toCsv(stats);
  }

  private async publishedFigures(month: string, regionCode: string | undefined, version: number | undefined): Promise<PublishedFigures> {
    if (!regionCode) throw fieldError('regionCode', '查询已发布的数据须指定地区', 'regionCode is required with published=1');
    const row = await this.published.find(month, regionCode, version);
    if (!row) throw new AppError('NOT_PUBLISHED');
    return toPublishedFigures(row);
  }
}

export function toCsv(s: MonthlyStats): string {
  const v = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
  const header = 'month,regionCode,level,code,demand,seekers,ratio,wage_p10,wage_p25,wage_p50,wage_p75,wage_p90,wage_unit';
  const rows = [
    ...s.byIndustry.map((r) =>
      [s.month, s.regionCode ?? '', 'industry', r.industry, r.demand, r.seekers, v(r.ratio), '', '', '', '', '', ''].join(','),
    ),
    ...s.byTrade.map((r) =>
      [
        s.month,
        s.regionCode ?? '',
        'trade',
        r.trade,
        r.demand,
        r.seekers,
        v(r.ratio),
        v(r.wage?.p10),
        v(r.wage?.p25),
        v(r.wage?.p50),
        v(r.wage?.p75),
        v(r.wage?.p90),
        r.wage ? 'day' : '',
      ].join(','),
    ),
    [s.month, s.regionCode ?? '', 'total', 'all', s.total.demand, s.total.seekers, v(s.total.ratio), '', '', '', '', '', ''].join(','),
  ];
  return '\uFEFF' + [header, ...rows].join('\r\n') + '\r\n';
}
