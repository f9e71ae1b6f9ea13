import { Inject, Injectable } from '@nestjs/common';
import type { ScopeRole, StaffOfferPayload, WalkIn } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { regionCovers } from '../access/region-scope.js';
import { AppError, fieldError } from '../common/errors.js';
import { DomainEvents } from '../events/domain-events.js';
import { PresenceService } from '../presence/presence.service.js';
import { PRESENCE_STORE, type PresenceStore } from '../presence/presence.store.js';
import { MarketsService } from '../reference/markets.service.js';
import { tradeByCode } from '../reference/trades.js';
import { chinaDate } from '../stats/month.js';
import { knownWalkIn, WalkInDirectory } from './walk-in.directory.js';
import { toStaffOffer, toWalkIn } from './walk-in.mapper.js';
import type { RegisterWalkInInput, VerifyPriorityInput } from './walk-ins.schemas.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { WalkInsRepository, type WalkInRow } from './walk-ins.repository.js';

const WINDOW_ROLES: ScopeRole[] = ['staff', 'admin'];

/** Walk-in workers at a market's window: registered by staff, waiting by ticket, their offers answered by staff. */
@Injectable()
export class WalkInsService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly repo: WalkInsRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly presence: PresenceService,
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    private readonly directory: WalkInDirectory,
    private readonly events: DomainEvents,
  ) {}

  async register(staffId: string, input: RegisterWalkInInput): Promise<{ workerId: string; ticket: string }> {
    await this.marketToServe(staffId, input.marketId);
    const unknown = input.trades.findIndex((t) => !tradeByCode(t));
    if (unknown >= 0) throw fieldError(`trades.${unknown}`, '没有这个工种', 'Unknown trade code');
    const now = new Date();
    const { workerId } = await this.repo.register({ ...input, day: chinaDate(now), staffId, now });
    await this.presence.set(workerId, { status: 'waiting', marketId: input.marketId });
    const row = (await this.repo.find(workerId))!;
    this.directory.remember(knownWalkIn(row)!);
    this.events.publish('walkin.registered', { marketId: input.marketId, workerId, ticket: row.assistedTicket!, actorId: staffId });
    return { workerId, ticket: row.assistedTicket! };
  }

  async setPresence(staffId: string, workerId: string, status: 'waiting' | 'offline'): Promise<WalkIn> {
    const row = await this.walkIn(workerId);
    const marketId = row.homeMarketId!;
    await this.access.assertServeMarket(staffId, marketId);
    if (status === 'waiting') {
      const today = chinaDate(new Date());
      // Back on another day: a fresh ticket for today's queue.
      if (row.assistedDay !== today) await this.repo.reissueTicket(workerId, marketId, today);
      await this.presence.set(workerId, { status: 'waiting', marketId });
      this.directory.remember(knownWalkIn((await this.repo.find(workerId))!)!);
    } else await this.presence.set(workerId, { status: 'offline' });
    this.events.publish('walkin.changed', { marketId, workerId, actorId: staffId });
    return this.view(workerId);
  }

  async list(staffId: string, marketId: string, status?: 'waiting' | 'offline'): Promise<WalkIn[]> {
    await this.marketToServe(staffId, marketId);
    const rows = await this.repo.ofMarketOn(marketId, chinaDate(new Date()));
    const views = await this.views(rows);
    return status ? views.filter((w) => w.status === status) : views;
  }

  /** Staff verify a priority group from a certificate: only then does it count in ranking. */
  async verifyPriority(staffId: string, workerId: string, input: VerifyPriorityInput): Promise<WalkIn> {
    const row = await this.repo.find(workerId);
    if (!row) throw new AppError('NOT_FOUND');
    const waiting = await this.store.get(workerId);
    const marketId = row.homeMarketId ?? input.marketId ?? waiting?.marketId;
    if (!marketId) throw fieldError('marketId', '请指明核验的市场', 'Name the market whose window verifies');
    await this.access.assertServeMarket(staffId, marketId);
    await this.repo.verifyPriority(workerId, input.priority, staffId, input.certificate, new Date());
    // A waiting worker is ranked from their presence entry: write it again with the group that now counts.
    if (waiting?.status === 'waiting')
      await this.presence.set(workerId, { status: 'waiting', location: waiting.location, marketId: waiting.marketId });
    this.events.publish('walkin.changed', { marketId, workerId, actorId: staffId });
    return this.view(workerId);
  }

  async openOffers(staffId: string, marketId: string): Promise<StaffOfferPayload[]> {
    await this.marketToServe(staffId, marketId);
    return this.openOffersAt([marketId]);
  }

  async openOffersAt(marketIds: string[]): Promise<StaffOfferPayload[]> {
    if (!marketIds.length) return [];
    return (await this.offers.openOffersAt(marketIds, new Date())).map(toStaffOffer);
  }

  /** The markets whose window this person works (staff of the market, admin of its region): their /staff rooms. */
  async windowMarkets(accountId: string): Promise<string[]> {
    const scopes = (await this.access.scopesOf(accountId)).filter((s) => WINDOW_ROLES.includes(s.role));
    const ids = new Set(scopes.filter((s) => s.marketId).map((s) => s.marketId!));
    const regions = scopes.filter((s) => s.regionCode).map((s) => s.regionCode!);
    if (regions.length) {
      if (!this.markets.all().length) await this.markets.reload();
      for (const m of this.markets.all()) if (regions.some((r) => regionCovers(r, m.regionCode))) ids.add(m.id);
    }
    return [...ids];
  }

  async loadDirectory(): Promise<void> {
    this.directory.load((await this.repo.allAssisted()).map(knownWalkIn).filter((k) => k !== undefined));
  }

  private async marketToServe(staffId: string, marketId: string): Promise<void> {
    if (!(await this.markets.find(marketId))) throw new AppError('NOT_FOUND');
    await this.access.assertServeMarket(staffId, marketId);
  }

  private async walkIn(workerId: string): Promise<WalkInRow> {
    const row = await this.repo.find(workerId);
    if (!row) throw new AppError('NOT_FOUND');
    if (!row.assisted || !row.homeMarketId) throw new AppError('FORBIDDEN');
    return row;
  }

  private async view(workerId: string): Promise<WalkIn> {
    const [view] = await this.views([(await this.repo.find(workerId))!]);
    return view;
  }

  private async views(rows: WalkInRow[]): Promise<WalkIn[]> {
    const ids = rows.map((r) => r.id);
    const [counts, presences] = await Promise.all([
      this.offers.openOfferCounts(ids, new Date()),
      Promise.all(ids.map((id) => this.store.get(id))),
    ]);
    return rows.map((r, i) => toWalkIn(r, presences[i], counts.get(r.id) ?? 0));
  }
}
