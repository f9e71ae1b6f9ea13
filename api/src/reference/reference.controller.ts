import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/errors.js';
import { IdParam } from '../common/validation.js';
import { MarketsService } from './markets.service.js';
import { REGIONS } from './regions.data.js';
import { INDUSTRIES, TRADES } from './trades.data.js';

@ApiTags('reference')
@Controller()
export class ReferenceController {
  constructor(private readonly markets: MarketsService) {}

  @Get('trades')
  @ApiOperation({ summary: 'The trade list, with GB/T 4754 industry sections' })
  trades() {
    return TRADES;
  }

  @Get('industries')
  industries() {
    return Object.entries(INDUSTRIES).map(([code, v]) => ({ code, ...v }));
  }

  @Get('regions')
  @ApiOperation({ summary: 'Province → city → county, with national region codes' })
  regions() {
    return REGIONS;
  }

  @Get('markets')
  async list() {
    await this.markets.reload();
    return this.markets.all();
  }

  @Get('markets/:id')
  async one(@Param({ schema: IdParam }) p: { id: string }) {
    const market = await this.markets.find(p.id);
    if (!market) throw new AppError('NOT_FOUND');
    return market;
  }
}
