import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { IdParam } from '../common/validation.js';
import { BookSchema, DayQuery, NewSlotSchema, OutcomeSchema, type BookInput, type NewSlotInput, type OutcomeInput } from './guidance.schemas.js';
import { GuidanceService } from './guidance.service.js';

@ApiTags('guidance')
@ApiBearerAuth()
@Controller()
export class GuidanceController {
  constructor(private readonly guidance: GuidanceService) {}

  @Post('markets/:id/guidance-slots')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Publish a career guidance session (职业指导) at the market: staff of the market or admin of its region' })
  createSlot(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: NewSlotSchema }) b: NewSlotInput) {
    return this.guidance.createSlot(a, p.id, b);
  }

  @Get('markets/:id/guidance-slots')
  @ApiOperation({ summary: "The market's guidance sessions that have not ended, with free places (public)" })
  slots(@Param({ schema: IdParam }) p: { id: string }) {
    return this.guidance.upcoming(p.id);
  }

  @Get('markets/:id/guidance-bookings')
  @Roles('staff', 'admin', 'officer')
  @ApiOperation({ summary: "One China-time day's sessions at the market, each with its bookings (staff; admin or officer of its region)" })
  day(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Query({ schema: DayQuery }) q: { date?: string }) {
    return this.guidance.day(a, p.id, q.date);
  }

  @Post('guidance-slots/:id/bookings')
  @Roles('worker', 'staff', 'admin')
  @ApiOperation({
    summary:
      'Book a place: a worker for themselves (no body), or staff for a walk-in of their market ({ workerId }); 409 SLOT_FULL, ALREADY_BOOKED, SLOT_ENDED',
  })
  book(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: BookSchema }) b: BookInput) {
    return this.guidance.book(a, p.id, b.workerId);
  }

  @Post('guidance-bookings/:id/outcome')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: "Record the session's outcome (attended, notes, referral); once (409 OUTCOME_RECORDED); not attended frees the place" })
  outcome(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }, @Body({ schema: OutcomeSchema }) b: OutcomeInput) {
    return this.guidance.outcome(a, p.id, b);
  }

  @Get('workers/me/guidance')
  @Roles('worker')
  @ApiOperation({ summary: 'My guidance bookings, latest session first' })
  mine(@CurrentAccount() a: SignedInAccount) {
    return this.guidance.mine(a);
  }
}
