import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseOutcomeType } from '@linggong/protocol';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { IdParam } from '../shifts/shift.schemas.js';
import {
  CasesQuery,
  CloseSchema,
  HandoverSchema,
  NoteSchema,
  OpenCaseSchema,
  OutcomeSchema,
  type CasesQueryInput,
  type OpenCaseInput,
} from './case.schemas.js';
import { CasesService } from './cases.service.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get('kinds')
  @ApiOperation({ summary: 'Case kinds: name, time limit in working days, and the full checklist (一次性告知), zh + en (public)' })
  kinds() {
    return this.cases.kindList();
  }

  @Post()
  @Roles('worker', 'employer', 'staff', 'admin')
  @ApiOperation({
    summary: 'Open a case: a worker or employer (about their own assignment, if any), or staff at the window (who own it at once)',
  })
  open(@CurrentAccount() a: SignedInAccount, @Body({ schema: OpenCaseSchema }) b: OpenCaseInput) {
    return this.cases.open(a, b);
  }

  @Get()
  @Roles('worker', 'employer', 'staff', 'admin', 'officer')
  @ApiOperation({
    summary:
      "A market's cases (staff of the market, admin or officer of its region; status, overdue=1), or mine=1: cases I opened, am party to, or own",
  })
  list(@CurrentAccount() a: SignedInAccount, @Query({ schema: CasesQuery }) q: CasesQueryInput) {
    return this.cases.list(a, q);
  }

  @Get(':id')
  @Roles('worker', 'employer', 'staff', 'admin', 'officer')
  @ApiOperation({
    summary: 'One case with its history: its market’s staff, admins and officers, the person who opened it, the hire’s parties',
  })
  get(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.cases.get(a, p.id);
  }

  @Post(':id/take')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: '首问负责: the first staff member of the market to take the case owns it (409 CASE_OWNED after)' })
  take(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.cases.take(a, p.id);
  }

  @Post(':id/handover')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'The owner hands the case to another staff member of the same market, with a reason' })
  handover(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: HandoverSchema }) b: { toAccountId: string; reason: string },
  ) {
    return this.cases.handover(a, p.id, b.toAccountId, b.reason);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'The owner closes the case with its outcome' })
  close(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: CloseSchema }) b: { outcome: string },
  ) {
    return this.cases.close(a, p.id, b.outcome);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'A note in the case’s history (its owner, or staff of its market)' })
  note(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: NoteSchema }) b: { note: string },
  ) {
    return this.cases.note(a, p.id, b.note);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({
    summary:
      'The owner records an outcome: no_show_reversed (hire completed, reliability restored), wage_paid, or a referral to inspection or arbitration',
  })
  outcome(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: OutcomeSchema }) b: { type: CaseOutcomeType; note?: string },
  ) {
    return this.cases.outcome(a, p.id, b.type, b.note);
  }
}
