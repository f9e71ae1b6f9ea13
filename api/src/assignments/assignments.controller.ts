import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LatLng } from '@linggong/protocol';
import type { z } from 'zod';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import { IdParam } from '../common/validation.js';
import {
  AssignmentsQuery,
  AtSiteSchema,
  AttendanceSchema,
  CancelSchema,
  DisputeSchema,
  PaidSchema,
  RatingSchema,
} from './assignment.schemas.js';
import { AssignmentsService } from './assignments.service.js';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('workers/me/assignments')
  @Roles('worker')
  @ApiOperation({ summary: 'My shifts: upcoming (hired, not over) or past (done, cancelled, no-show, over)' })
  mine(@CurrentAccount() account: SignedInAccount, @Query({ schema: AssignmentsQuery }) q: z.infer<typeof AssignmentsQuery>) {
    return this.assignments.listForWorker(account.id, q.scope);
  }

  @Post('assignments/:id/check-in')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Check in on site: within CHECK_IN_RADIUS_M of the shift, from two hours before the start' })
  checkIn(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: AtSiteSchema }) b: { location: LatLng },
  ) {
    return this.assignments.checkIn(a.id, p.id, b.location);
  }

  @Post('assignments/:id/check-out')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Check out on site: the shift counts as completed' })
  checkOut(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: AtSiteSchema }) b: { location: LatLng },
  ) {
    return this.assignments.checkOut(a.id, p.id, b.location);
  }

  @Post('assignments/:id/cancel')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Cancel my hire with a reason; within two hours of the start it is a late cancel and lowers reliability' })
  cancel(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: CancelSchema }) b: { reason: string },
  ) {
    return this.assignments.cancelByWorker(a.id, p.id, b.reason);
  }

  @Post('assignments/:id/attendance')
  @HttpCode(200)
  @Roles('employer')
  @ApiOperation({ summary: 'Employer: confirm the worker came (completed) or mark a no-show, after the start' })
  attendance(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: AttendanceSchema }) b: { status: 'completed' | 'no_show' },
  ) {
    return this.assignments.attendance(a.id, p.id, b.status);
  }

  @Post('assignments/:id/rating')
  @HttpCode(200)
  @Roles('worker', 'employer')
  @ApiOperation({ summary: 'Rate the other side of a completed shift, once (1-5 stars)' })
  rate(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: RatingSchema }) b: z.infer<typeof RatingSchema>,
  ) {
    return this.assignments.rate(a.id, p.id, b.stars, b.comment);
  }

  @Post('assignments/:id/paid')
  @HttpCode(200)
  @Roles('worker')
  @ApiOperation({ summary: 'Worker: the agreed wage was paid (true) or not (false)' })
  paid(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: PaidSchema }) b: { paid: boolean },
  ) {
    return this.assignments.confirmPaid(a.id, p.id, b.paid);
  }

  @Post('assignments/:id/dispute')
  @Roles('worker', 'employer')
  @ApiOperation({ summary: 'Open a dispute with the evidence attached (the shift as posted, check-in/out, the agreed wage)' })
  dispute(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: IdParam }) p: { id: string },
    @Body({ schema: DisputeSchema }) b: { description: string },
  ) {
    return this.assignments.dispute(a.id, p.id, b.description);
  }
}
