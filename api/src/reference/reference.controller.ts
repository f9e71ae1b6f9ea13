import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { REGIONS } from './regions.data.js';
import { INDUSTRIES, TRADES } from './trades.data.js';

/** Reference lists; the markets' own routes are in markets/markets.controller.ts. */
@ApiTags('reference')
@Controller()
export class ReferenceController {
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
}
