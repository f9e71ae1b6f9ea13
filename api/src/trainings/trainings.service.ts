import { Inject, Injectable } from '@nestjs/common';
import type { TrainingMark, TrainingSignupRow, TrainingView, WorkerTraining } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import { regionCovers, regionPrefix } from '../access/region-scope.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import type { PublishTrainingInput, TrainingsQueryInput } from './training.schemas.js';
import { toTrainingView } from './training.view.js';
import { signupError, TrainingsRepository, type TrainingRow } from './trainings.repository.js';

/** Trainings (技能/创业培训): published by a market's staff or a region's admin, signed up for by workers. */
@Injectable()
export class TrainingsService {
  constructor(
    private readonly trainings: TrainingsRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Staff of the market (or admin of its region) when it is at a market; else an admin of the region. */
  async publish(account: SignedInAccount, input: PublishTrainingInput): Promise<TrainingView> {
    if (input.marketId) {
      const market = await this.markets.find(input.marketId);
      if (!market) throw fieldError('marketId', '没有这个市场', 'Unknown market');
      await this.access.assertServeMarket(account.id, market.id);
      if (!regionCovers(input.regionCode, market.regionCode))
        throw fieldError('regionCode', '市场不在这个地区内', 'The market is not in this region');
    } else {
      await this.access.assertRegion(account.id, input.regionCode);
    }
    const row = await this.trainings.create({
      title: input.title,
      provider: input.provider,
      trades: [...new Set(input.trades)],
      regionCode: input.regionCode,
      marketId: input.marketId ?? null,
      address: input.address,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      fee: input.fee,
      subsidy: input.subsidy ?? null,
      seats: input.seats,
      createdBy: account.id,
    });
    this.log.info({ event: 'training.published', trainingId: row.id, marketId: row.marketId }, 'training published');
    this.events.publish('training.published', { trainingId: row.id, marketId: row.marketId, regionCode: row.regionCode, actorId: account.id });
    return this.view(row);
  }

  /** Upcoming trainings (public); a worker's token adds their own sign-up to each. */
  async upcoming(q: TrainingsQueryInput, account?: SignedInAccount): Promise<TrainingView[]> {
    let rows: TrainingRow[];
    if (q.marketId) {
      const market = await this.markets.find(q.marketId);
      if (!market) throw new AppError('NOT_FOUND');
      rows = await this.atMarket(market.id, market.regionCode);
    } else {
      rows = await this.trainings.upcoming({
        trades: q.trade ? [q.trade] : undefined,
        regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
        now: new Date(),
      });
    }
    if (q.marketId && q.trade) rows = rows.filter((t) => t.trades.includes(q.trade!));
    return this.views(rows, account);
  }

  /** What a market's board shows: its own trainings and its region's trainings held at no market. */
  async atMarket(marketId: string, regionCode: string): Promise<TrainingRow[]> {
    const rows = await this.trainings.upcoming({ now: new Date(), regionPrefix: regionCode.slice(0, 2) });
    return rows.filter((t) => t.marketId === marketId || (!t.marketId && regionCovers(t.regionCode, regionCode)));
  }

  /** Upcoming trainings that fit the worker's trades, in the region they wait in (or anywhere, without one). */
  async forMe(account: SignedInAccount): Promise<TrainingView[]> {
    const me = await this.trainings.workerTrades(account.id);
    if (!me) throw new AppError('PROFILE_REQUIRED');
    if (!me.trades.length) return [];
    const rows = await this.trainings.upcoming({
      trades: me.trades,
      regionPrefix: me.regionCode ? me.regionCode.slice(0, 2) : undefined,
      now: new Date(),
    });
    return this.views(rows, account);
  }

  async get(id: string, account?: SignedInAccount): Promise<TrainingView> {
    const row = await this.trainings.find(id);
    if (!row) throw new AppError('NOT_FOUND');
    return (await this.views([row], account))[0];
  }

  async signUp(account: SignedInAccount, id: string): Promise<TrainingView> {
    if (!(await this.trainings.workerTrades(account.id))) throw new AppError('PROFILE_REQUIRED');
    const result = await this.trainings.signUp(id, account.id, new Date());
    if (result !== 'ok') throw signupError(result);
    const row = (await this.trainings.find(id))!;
    this.events.publish('training.signed_up', { trainingId: id, marketId: row.marketId, workerId: account.id });
    return this.view(row, 'signed_up');
  }

  /** Everything this person may manage: trainings of their markets and of their regions. */
  async managed(account: SignedInAccount): Promise<TrainingView[]> {
    const scope = await this.access.marketFilter(account.id);
    const rows = await this.trainings.managed({ marketIds: scope.marketIds, regionPrefixes: scope.regionCodes.map(regionPrefix) });
    return this.views(rows);
  }

  async signups(account: SignedInAccount, id: string): Promise<TrainingSignupRow[]> {
    await this.manageable(account, id);
    const rows = await this.trainings.signups(id);
    return rows.map((r) => ({
      workerId: r.workerId,
      name: r.worker?.name ?? '',
      phone: r.worker?.account.phone ?? null,
      trades: r.worker?.trades ?? [],
      status: r.status as TrainingSignupRow['status'],
      signedUpAt: r.createdAt.toISOString(),
      markedAt: r.markedAt?.toISOString() ?? null,
    }));
  }

  async mark(account: SignedInAccount, id: string, workerId: string, status: TrainingMark, addTrades = false): Promise<TrainingSignupRow> {
    const t = await this.manageable(account, id);
    const add = status === 'completed' && addTrades ? t.trades : null;
    if (!(await this.trainings.mark(id, workerId, status, account.id, add))) throw new AppError('NOT_FOUND');
    this.log.info({ event: 'training.marked', trainingId: id, workerId, status }, 'training sign-up marked');
    return (await this.signups(account, id)).find((s) => s.workerId === workerId)!;
  }

  async record(account: SignedInAccount): Promise<WorkerTraining[]> {
    const rows = await this.trainings.ofWorker(account.id);
    return rows.map((s) => ({
      training: toTrainingView(s.training, { marketName: this.marketName(s.training.marketId), mySignup: s.status as WorkerTraining['status'] }),
      status: s.status as WorkerTraining['status'],
      signedUpAt: s.createdAt.toISOString(),
      markedAt: s.markedAt?.toISOString() ?? null,
    }));
  }

  /** Staff of its market or admin of its region (for one held at no market, admin of its region). */
  private async manageable(account: SignedInAccount, id: string): Promise<TrainingRow> {
    const t = await this.trainings.find(id);
    if (!t) throw new AppError('NOT_FOUND');
    const may = t.marketId ? await this.access.canServeMarket(account.id, t.marketId) : await this.access.holdsRegion(account.id, t.regionCode);
    if (!may) throw new AppError('FORBIDDEN');
    return t;
  }

  private view(row: TrainingRow, mySignup?: TrainingView['mySignup']): TrainingView {
    return toTrainingView(row, { marketName: this.marketName(row.marketId), mySignup });
  }

  private async views(rows: TrainingRow[], account?: SignedInAccount): Promise<TrainingView[]> {
    const mine =
      account?.roles.includes('worker') && rows.length ? await this.trainings.signupStatus(rows.map((r) => r.id), account.id) : undefined;
    return rows.map((r) => this.view(r, mine?.get(r.id)));
  }

  private marketName(marketId: string | null): string | undefined {
    return marketId ? this.markets.all().find((m) => m.id === marketId)?.name : undefined;
  }
}
