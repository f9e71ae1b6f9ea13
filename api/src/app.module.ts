import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccessModule } from './access/access.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BoardsModule } from './boards/boards.module.js';
import { CasesModule } from './cases/cases.module.js';
import { GuidanceModule } from './guidance/guidance.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { LendingModule } from './lending/lending.module.js';
import { LimitsModule } from './limits/limits.module.js';
import { ErrorFilter } from './common/error.filter.js';
import { ZodValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';
import { CoreModule } from './core/core.module.js';
import type { Database } from './database/database.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { FeedModule } from './feed/feed.module.js';
import { EmployersModule } from './employers/employers.module.js';
import { HealthModule } from './health/health.module.js';
import { MarketsModule } from './markets/markets.module.js';
import { OffersModule } from './offers/offers.module.js';
import { PublicationModule } from './publication/publication.module.js';
import { PeopleModule } from './people/people.module.js';
import { ReferenceModule } from './reference/reference.module.js';
import { ShiftsModule } from './shifts/shifts.module.js';
import { StatsModule } from './stats/stats.module.js';
import { TrainingsModule } from './trainings/trainings.module.js';
import { WalkInsModule } from './walk-ins/walk-ins.module.js';
import { WorkersModule } from './workers/workers.module.js';

/**
 * The whole service: one module per capability. The order of `imports` is the order of the routes in the
 * OpenAPI document (docs/openapi.json), so a new module goes at the end.
 */
@Module({})
export class AppModule {
  static forRoot(start: { config: AppConfig; log: Logger; database: Database }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(start),
        HealthModule,
        AuthModule,
        AccountsModule,
        ReferenceModule,
        ShiftsModule,
        OffersModule,
        StatsModule,
        AssignmentsModule,
        DispatchModule,
        BoardsModule,
        WorkersModule,
        EmployersModule,
        AccessModule,
        MarketsModule,
        PeopleModule,
        WalkInsModule,
        CasesModule,
        LedgerModule,
        PublicationModule,
        FeedModule,
        GuidanceModule,
        LendingModule,
        TrainingsModule,
        PrivacyModule,
        EvaluationModule,
        LimitsModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
