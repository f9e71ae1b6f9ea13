import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { LedgerQuery, MarketParam, SummaryQuery } from './ledger.schemas.js';
import { LedgerService, toCsv } from './ledger.service.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('markets/:id/ledger')
@Roles('staff', 'admin', 'officer')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @ApiOperation({
    summary: "A market's work log for one China-time day (staff of the market, admin or officer of its region); format=csv for CSV",
  })
  async day(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: MarketParam }) p: { id: string },
    @Query({ schema: LedgerQuery }) q: { date?: string; format: 'json' | 'csv' },
    @Res({ passthrough: true }) res: Response,
  ) {
    const day = await this.ledger.day(a.id, p.id, q.date);
    if (q.format !== 'csv') return day;
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="ledger-${p.id}-${day.date}.csv"`);
    return toCsv(day);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the whole chain: { ok, entries } or { ok: false, firstBroken }' })
  verify(@CurrentAccount() a: SignedInAccount, @Param({ schema: MarketParam }) p: { id: string }) {
    return this.ledger.verify(a.id, p.id);
  }

  @Get('summary')
  @ApiOperation({
    summary: "The day's figures from the log: shifts, positions, hires, walk-ins, cases opened / closed / overdue, trainings",
  })
  summary(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: MarketParam }) p: { id: string },
    @Query({ schema: SummaryQuery }) q: { date?: string },
  ) {
    return this.ledger.summary(a.id, p.id, q.date);
  }
}
