import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, Roles } from '../auth/auth.guard.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { IdParam } from '../common/validation.js';
import { CoverageService } from './coverage.service.js';
import {
  CoverageQuery,
  ListQuery,
  PutThresholdsSchema,
  RegionQuery,
  RunSchema,
  type CoverageQueryInput,
  type ListQueryInput,
  type PutThresholdsInput,
  type RegionQueryInput,
  type RunInput,
} from './evaluation.schemas.js';
import { EvaluationService } from './evaluation.service.js';

/** Operator evaluation (绩效评价) and coverage, for officers and admins of a region. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class EvaluationController {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly coverageService: CoverageService,
  ) {}

  @Get('evaluation/thresholds')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: "The thresholds in force for a region: its own, else its nearest ancestor's, else the defaults" })
  thresholds(@CurrentAccount() a: SignedInAccount, @Query({ schema: RegionQuery }) q: RegionQueryInput) {
    return this.evaluation.thresholds(a.id, q.regionCode);
  }

  @Put('evaluation/thresholds')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: "Set a region's thresholds (any subset of the five metrics; the rest stay inherited)" })
  putThresholds(@CurrentAccount() a: SignedInAccount, @Body({ schema: PutThresholdsSchema }) body: PutThresholdsInput) {
    return this.evaluation.putThresholds(a.id, body);
  }

  @Post('evaluation/runs')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: "Evaluate every market of the region for a month (YYYY-MM) or quarter (YYYY-Qn); replaces that period's results",
  })
  run(@CurrentAccount() a: SignedInAccount, @Body({ schema: RunSchema }) body: RunInput) {
    return this.evaluation.run(a.id, body);
  }

  @Get('evaluation')
  @Roles('officer', 'admin')
  @ApiOperation({ summary: "The region's evaluation results (one period, or all kept)" })
  list(@CurrentAccount() a: SignedInAccount, @Query({ schema: ListQuery }) q: ListQueryInput) {
    return this.evaluation.list(a.id, q);
  }

  @Get('markets/:id/evaluations')
  @Roles('staff', 'officer', 'admin')
  @ApiOperation({ summary: "One market's evaluation history, newest first" })
  ofMarket(@CurrentAccount() a: SignedInAccount, @Param({ schema: IdParam }) p: { id: string }) {
    return this.evaluation.ofMarket(a.id, p.id);
  }

  @Get('coverage')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Grid cells (0.01°) where shifts were posted or workers waited with no market within radiusKm, most demand first',
  })
  coverage(@CurrentAccount() a: SignedInAccount, @Query({ schema: CoverageQuery }) q: CoverageQueryInput) {
    return this.coverageService.coverage(a.id, q);
  }
}
