import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { EmployersController, WorkersController } from './accounts/profiles.controller.js';
import { AccessModule } from './access/access.module.js';
import { AccessService } from './access/access.service.js';
import { CasesModule } from './cases/cases.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { ProfilesService } from './accounts/profiles.service.js';
import { AccountsReader } from './auth/accounts.reader.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { LoginService } from './auth/login.service.js';
import { ConsoleSmsDriver, SMS_DRIVER, type SmsDriver } from './auth/sms.js';
import { TokenService } from './auth/tokens.js';
import { BOARD_BUS, type BoardBus } from './boards/board-bus.js';
import { WORKER_BUS, type WorkerBus } from './realtime/worker-bus.js';
import { WorkerFeed } from './realtime/worker.feed.js';
import { BoardService } from './boards/board.service.js';
import { ErrorFilter } from './common/error.filter.js';
import { LOGGER } from './common/logger.js';
import { ZodValidationPipe } from './common/validation.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { coreProviders, type CoreDependencies } from './core.providers.js';
import { PrismaClient } from './database/prisma.js';
import { DispatchScheduler } from './dispatch/dispatch.scheduler.js';
import { AcceptGate } from './dispatch/accept-gate.js';
import { acceptOffers } from './dispatch/accept-offer.js';
import { DispatchService } from './dispatch/dispatch.service.js';
import { OFFER_CLOCK, type OfferClock } from './dispatch/offer-clock.js';
import { OffersRepository } from './dispatch/offers.repository.js';
import { OffersService } from './dispatch/offers.service.js';
import { DomainEvents } from './events/domain-events.js';
import { HealthController } from './health/health.controller.js';
import { PresenceService } from './presence/presence.service.js';
import { PRESENCE_STORE, type PresenceStore } from './presence/presence.store.js';
import { BoardFeed } from './realtime/board.feed.js';
import { BoardGateway } from './realtime/board.gateway.js';
import { EmployerGateway } from './realtime/employer.gateway.js';
import { Notifier } from './realtime/notifier.js';
import { RealtimeRegistry } from './realtime/realtime.registry.js';
import { WorkerGateway } from './realtime/worker.gateway.js';
import { MarketsService } from './reference/markets.service.js';
import { ReferenceController } from './reference/reference.controller.js';
import { OffersController, ShiftsController } from './shifts/shifts.controller.js';
import { ShiftsRepository } from './shifts/shifts.repository.js';
import { ShiftsService } from './shifts/shifts.service.js';
import { MonthlyStatsService } from './stats/monthly-stats.service.js';
import { StatsController } from './stats/stats.controller.js';

/** Plain domain services, built by factories so they stay free of Nest. */
const domainProviders: Provider[] = [
  { provide: SMS_DRIVER, useFactory: (log: Logger) => new ConsoleSmsDriver(log), inject: [LOGGER] },
  {
    provide: LoginService,
    useFactory: (p: PrismaClient, sms: SmsDriver, t: TokenService, c: AppConfig, a: AccessService) =>
      new LoginService(p, sms, t, c.authSecret, a),
    inject: [PrismaClient, SMS_DRIVER, TokenService, APP_CONFIG, AccessService],
  },
  { provide: ProfilesService, useFactory: (p: PrismaClient) => new ProfilesService(p), inject: [PrismaClient] },
  { provide: ShiftsRepository, useFactory: (p: PrismaClient) => new ShiftsRepository(p), inject: [PrismaClient] },
  { provide: OffersRepository, useFactory: (p: PrismaClient) => new OffersRepository(p), inject: [PrismaClient] },
  {
    provide: DispatchService,
    useFactory: (
      c: AppConfig,
      s: ShiftsRepository,
      o: OffersRepository,
      pr: PresenceStore,
      clock: OfferClock,
      e: DomainEvents,
      log: Logger,
    ) => new DispatchService(c, s, o, pr, clock, e, log),
    inject: [APP_CONFIG, ShiftsRepository, OffersRepository, PRESENCE_STORE, OFFER_CLOCK, DomainEvents, LOGGER],
  },
  {
    provide: OffersService,
    useFactory: (p: PrismaClient, o: OffersRepository, d: DispatchService, e: DomainEvents, log: Logger, c: AppConfig) =>
      new OffersService(
        p,
        o,
        d,
        e,
        log,
        new AcceptGate((requests) => acceptOffers(p, requests, new Date()), 2 * c.dispatch.offerTtlS * 1000),
      ),
    inject: [PrismaClient, OffersRepository, DispatchService, DomainEvents, LOGGER, APP_CONFIG],
  },
  {
    provide: ShiftsService,
    useFactory: (p: PrismaClient, s: ShiftsRepository, m: MarketsService, d: DispatchService, e: DomainEvents, log: Logger) =>
      new ShiftsService(p, s, m, d, e, log),
    inject: [PrismaClient, ShiftsRepository, MarketsService, DispatchService, DomainEvents, LOGGER],
  },
  {
    provide: PresenceService,
    useFactory: (
      p: PrismaClient,
      st: PresenceStore,
      pf: ProfilesService,
      m: MarketsService,
      d: DispatchService,
      e: DomainEvents,
      log: Logger,
    ) => new PresenceService(p, st, pf, m, d, e, log),
    inject: [PrismaClient, PRESENCE_STORE, ProfilesService, MarketsService, DispatchService, DomainEvents, LOGGER],
  },
  { provide: MonthlyStatsService, useFactory: (p: PrismaClient) => new MonthlyStatsService(p), inject: [PrismaClient] },
  {
    provide: BoardService,
    useFactory: (p: PrismaClient, m: MarketsService, st: PresenceStore, bus: BoardBus, ms: MonthlyStatsService) =>
      new BoardService(p, m, st, bus, ms),
    inject: [PrismaClient, MarketsService, PRESENCE_STORE, BOARD_BUS, MonthlyStatsService],
  },
  { provide: RealtimeRegistry, useFactory: (c: AppConfig) => new RealtimeRegistry(!c.redisUrl), inject: [APP_CONFIG] },
  {
    provide: BoardFeed,
    useFactory: (b: BoardService, bus: BoardBus, r: RealtimeRegistry, m: MarketsService, log: Logger) =>
      new BoardFeed(b, bus, r, () => m.all(), log),
    inject: [BoardService, BOARD_BUS, RealtimeRegistry, MarketsService, LOGGER],
  },
  {
    provide: WorkerFeed,
    useFactory: (bus: WorkerBus, r: RealtimeRegistry) => new WorkerFeed(bus, r),
    inject: [WORKER_BUS, RealtimeRegistry],
  },
  {
    provide: Notifier,
    useFactory: (e: DomainEvents, r: RealtimeRegistry, w: WorkerFeed, s: ShiftsService, b: BoardService, f: BoardFeed, log: Logger) =>
      new Notifier(e, r, w, s, b, f, log),
    inject: [DomainEvents, RealtimeRegistry, WorkerFeed, ShiftsService, BoardService, BoardFeed, LOGGER],
  },
  {
    provide: AssignmentsService,
    useFactory: (p: PrismaClient, d: DispatchService, e: DomainEvents, c: AppConfig, log: Logger) =>
      new AssignmentsService(p, d, e, c, log),
    inject: [PrismaClient, DispatchService, DomainEvents, APP_CONFIG, LOGGER],
  },
  DispatchScheduler,
];

@Global()
@Module({})
export class AppModule {
  static forRoot(deps: CoreDependencies): DynamicModule {
    const core = coreProviders(deps);
    return {
      module: AppModule,
      imports: [AccessModule, CasesModule, LedgerModule],
      controllers: [
        HealthController,
        AuthController,
        WorkersController,
        EmployersController,
        ReferenceController,
        ShiftsController,
        OffersController,
        StatsController,
        AssignmentsController,
      ],
      providers: [
        ...core,
        ...domainProviders,
        WorkerGateway,
        BoardGateway,
        EmployerGateway,
        { provide: APP_GUARD, useFactory: (r: Reflector, a: AccountsReader) => new AuthGuard(r, a), inject: [Reflector, AccountsReader] },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useFactory: (log: Logger) => new ErrorFilter(log), inject: [LOGGER] },
      ],
      exports: [...core.map((p) => (p as { provide: unknown }).provide as string), WorkerFeed, RealtimeRegistry],
    };
  }
}
