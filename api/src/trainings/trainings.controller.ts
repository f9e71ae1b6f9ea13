import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TrainingMark } from '@linggong/protocol';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { CurrentAccount, OptionalAuth, Roles } from '../auth/auth.guard.js';
import { IdParam } from '../common/validation.js';
import {
  DemandSchema,
  DemandSummaryQuery,
  MarkSchema,
  PublishTrainingSchema,
  SignupParams,
  TrainingsQuery,
  type DemandInput,
  type PublishTrainingInput,
  type TrainingsQueryInput,
} from './training.schemas.js';
import { TrainingDemandService } from './training-demand.service.js';
import { TrainingsService } from './trainings.service.js';

@ApiTags('trainings')
@ApiBearerAuth()
@Controller()
export class TrainingsController {
  constructor(
    private readonly trainings: TrainingsService,
    private readonly demand: TrainingDemandService,
  ) {}

  @Post('trainings')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Publish a training: staff of its market (or admin of the market’s region), else admin of its region' })
  publish(@CurrentAccount() a: SignedInAccount, @Body({ schema: PublishTrainingSchema }) b: PublishTrainingInput) {
    return this.trainings.publish(a, b);
  }

  @Get('trainings')
  @OptionalAuth()
  @ApiOperation({
    summary:
      'Upcoming trainings (public): by trade, by region (covering sub-regions) or, extension, by market (as its board shows them); a worker’s token adds mySignup',
  })
  list(@CurrentAccount() a: SignedInAccount | undefined, @Query({ schema: TrainingsQuery }) q: TrainingsQueryInput) {
    return this.trainings.upcoming(q, a);
  }

  @Get('trainings/mine')
  @Roles('worker')
  @ApiOperation({ summary: 'Upcoming trainings that fit the worker’s trades, in the region they wait in' })
  forMe(@CurrentAccount() a: SignedInAccount) {
    return this.trainings.forMe(a);
  }

  @Get('trainings/managed')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Trainings of the caller’s markets and regions, upcoming and past (the console)' })
  managed(@CurrentAccount() a: SignedInAccount) {
    return this.trainings.managed(a);
  }

  @Get('trainings/:id')
  @OptionalAuth()
  @ApiOperation({ summary: 'One training (public); a worker’s token adds mySignup' })
  get(@CurrentAccount() a: SignedInAccount | undefined, @Param({ schema: IdParam }) p: { id: string }) {
    return this.trainings.get(p.id, a);
  }

  @Post('trainings/:id/signups')
  @Roles('worker')
  @ApiOperation({ summary: 'Sign up (409 ALREADY_SIGNED_UP, TRAINING_FULL, TRAINING_CLOSED once started)' })
  signUp(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.trainings.signUp(a, p.id);
  }

  @Get('trainings/:id/signups')
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Who signed up, and what staff marked (staff of its market, admin of its region)' })
  signups(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.trainings.signups(a, p.id);
  }

  @Post('trainings/:id/signups/:workerId')
  @HttpCode(200)
  @Roles('staff', 'admin')
  @ApiOperation({ summary: 'Mark attended, completed (addTrades: the training’s trades join the worker’s) or no_show' })
  mark(
    @CurrentAccount() a: SignedInAccount,
    @Param({ schema: SignupParams }) p: { id: string; workerId: string },
    @Body({ schema: MarkSchema }) b: { status: TrainingMark; addTrades?: boolean },
  ) {
    return this.trainings.mark(a, p.id, p.workerId, b.status, b.addTrades);
  }

  @Get('workers/me/trainings')
  @Roles('worker')
  @ApiOperation({ summary: 'The worker’s record of trainings: signed up, attended, completed, missed' })
  record(@CurrentAccount() a: SignedInAccount) {
    return this.trainings.record(a);
  }

  @Post('training-demand')
  @Roles('worker')
  @ApiOperation({ summary: 'What training the worker wants (their latest answer counts)' })
  answer(@CurrentAccount() a: SignedInAccount, @Body({ schema: DemandSchema }) b: DemandInput) {
    return this.demand.answer(a, b);
  }

  @Get('training-demand/summary')
  @Roles('staff', 'admin', 'officer')
  @ApiOperation({ summary: 'Workers wanting training per trade in a region, beside those of the trade who waited without a hire this month' })
  summary(@CurrentAccount() a: SignedInAccount, @Query({ schema: DemandSummaryQuery }) q: { regionCode?: string }) {
    return this.demand.summary(a, q.regionCode);
  }
}
