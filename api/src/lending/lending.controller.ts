import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { IdParam } from '../common/validation.js';
import { LendSchema, LoansQuery, NewLendableSchema, ReturnSchema, type LendInput, type NewLendableInput } from './lending.schemas.js';
import { LendingService } from './lending.service.js';

@ApiTags('lending')
@ApiBearerAuth()
@Controller()
export class LendingController {
  constructor(private readonly lending: LendingService) {}

  @Post('markets/:id/lendables')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Add a tool or locker (工具借用, 行李寄存) to the market, with its deposit: staff of the market or admin of its region' })
  add(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: NewLendableSchema }) b: NewLendableInput) {
    return this.lending.add(a, p.id, b);
  }

  @Get('markets/:id/lendables')
  @Roles('staff', 'admin', 'officer')
  @ApiOperation({ summary: "The market's tools and lockers, each with the loan it is out on" })
  items(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.lending.items(a, p.id);
  }

  @Post('lendables/:id/loans')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Lend the item to a worker until dueAt (409 ITEM_OUT when it is out)' })
  lend(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: LendSchema }) b: LendInput) {
    return this.lending.lend(a, p.id, b);
  }

  @Post('loans/:id/return')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'The item came back; whether the deposit was refunded (409 LOAN_RETURNED the second time)' })
  giveBack(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: ReturnSchema }) b: { depositRefunded: boolean }) {
    return this.lending.giveBack(a, p.id, b.depositRefunded);
  }

  @Get('markets/:id/loans')
  @Roles('staff', 'admin', 'officer')
  @ApiOperation({ summary: "Loans out at the market, due first; overdue=1: only those past due" })
  loans(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Query({ schema: LoansQuery }) q: { overdue?: boolean }) {
    return this.lending.loans(a, p.id, q.overdue ?? false);
  }

  @Get('workers/me/loans')
  @Roles('worker')
  @ApiOperation({ summary: 'The tools and lockers I hold' })
  mine(@CurrentAccount() a: SignedInAccount) {
    return this.lending.mine(a);
  }
}
