import { Injectable } from '@nestjs/common';
import type { MarketDetail, MarketOperator } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { regionPrefix } from '../access/region-scope.js';
import { AppError, fieldError } from '../common/errors.js';
import { DomainEvents } from '../events/domain-events.js';
import { toMarket } from '../reference/markets.service.js';
import { MarketRepository, type MarketData, type MarketRow } from './market.repository.js';
import { operatorFields, toDbDate } from './market.rules.js';
import { PUBLIC_DETAILS, type CreateMarketInput, type PatchMarketInput } from './market.schemas.js';

/** Admins create and edit the markets of their region; a market's own staff keep its public details. */
@Injectable()
export class MarketEditor {
  constructor(
    private readonly repo: MarketRepository,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  async create(actorId: string, input: CreateMarketInput): Promise<MarketDetail> {
    await this.checkRegion(actorId, input.regionCode);
    const operator = operatorFields({
      operator: input.operator as MarketOperator,
      operatorName: input.operatorName ?? null,
      contractStart: input.contractStart ?? null,
      contractEnd: input.contractEnd ?? null,
    });
    const { id, location, ...rest } = input;
    const row = await this.repo.create(id, {
      ...(rest as Omit<MarketData, 'lat' | 'lng' | 'contractStart' | 'contractEnd'>),
      ...operator,
      contractStart: toDbDate(operator.contractStart),
      contractEnd: toDbDate(operator.contractEnd),
      lat: location.lat,
      lng: location.lng,
    });
    if (!row) throw fieldError('id', '这个市场编号已被使用', 'This market id is taken');
    this.events.publish('market.changed', { marketId: row.id, actorId });
    return this.detail(row);
  }

  async patch(actorId: string, id: string, input: PatchMarketInput): Promise<MarketDetail> {
    const row = await this.repo.find(id);
    if (!row) throw new AppError('NOT_FOUND');
    if (!(await this.access.holdsRegion(actorId, row.regionCode))) {
      if (!(await this.access.isStaffOf(actorId, id))) throw new AppError('FORBIDDEN');
      const allowed: readonly string[] = PUBLIC_DETAILS;
      if (Object.keys(input).some((k) => !allowed.includes(k))) throw new AppError('FORBIDDEN');
    } else if (input.regionCode && input.regionCode !== row.regionCode) {
      await this.checkRegion(actorId, input.regionCode);
    }
    const { location, ...rest } = input;
    const changed = await this.repo.update(id, {
      ...(rest as Partial<MarketData>),
      ...this.operatorChange(row, input),
      ...(location ? { lat: location.lat, lng: location.lng } : {}),
    });
    this.events.publish('market.changed', { marketId: id, actorId });
    return this.detail(changed);
  }

  /** Operator and contract, checked together when an edit touches any of them (older rows may lack them). */
  private operatorChange(row: MarketRow, input: PatchMarketInput): Partial<MarketData> {
    const keys = ['operator', 'operatorName', 'contractStart', 'contractEnd'] as const;
    if (!keys.some((k) => input[k] !== undefined)) return {};
    const current = toMarket(row);
    const v = operatorFields({
      operator: (input.operator ?? current.operator) as MarketOperator,
      operatorName: input.operatorName !== undefined ? input.operatorName : current.operatorName,
      contractStart: input.contractStart !== undefined ? input.contractStart : current.contractStart,
      contractEnd: input.contractEnd !== undefined ? input.contractEnd : current.contractEnd,
    });
    return { ...v, contractStart: toDbDate(v.contractStart), contractEnd: toDbDate(v.contractEnd) };
  }

  /** A public market with its staff count; hidden markets are not public. */
  async publicDetail(id: string): Promise<MarketDetail> {
    const row = await this.repo.find(id);
    if (!row?.active) throw new AppError('NOT_FOUND');
    return this.detail(row);
  }

  /** The markets a staff member, admin or officer serves or oversees, hidden ones included. */
  async inScope(actorId: string): Promise<MarketDetail[]> {
    const { marketIds, regionCodes } = await this.access.marketFilter(actorId);
    const rows = await this.repo.inScope(marketIds, regionCodes.map(regionPrefix));
    const counts = await this.repo.staffCounts(rows.map((r) => r.id));
    return rows.map((r) => ({ ...toMarket(r), staffOnDuty: counts.get(r.id) ?? 0 }));
  }

  private async detail(row: MarketRow): Promise<MarketDetail> {
    const counts = await this.repo.staffCounts([row.id]);
    return { ...toMarket(row), staffOnDuty: counts.get(row.id) ?? 0 };
  }

  /** The region must exist (400) and be the admin's own (403). */
  private async checkRegion(actorId: string, regionCode: string): Promise<void> {
    if (!(await this.repo.regionExists(regionCode))) throw fieldError('regionCode', '没有这个行政区划代码', 'No region has this code');
    await this.access.assertRegion(actorId, regionCode);
  }
}
