import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EmployerShift } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { nearMarket, nearMarketBox } from '../common/near-market.js';
import { PrismaClient, type Prisma } from '../database/prisma.js';
import { DomainEvents } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import { tradeByCode } from '../reference/trades.js';
import { once } from './idempotency.js';
import type { ShiftRow } from '../common/shift-row.js';
import { employerExtras, shiftForViewer, type EmployerExtrasRow } from './employer-view.query.js';
import { toEmployerShift, toShiftView } from './shift.mapper.js';
import { hireContact, withRoundedPlace } from './shift-visibility.js';
import { AccessService } from '../access/access.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { PostShiftInput } from './shift.schemas.js';
import { ShiftsRepository } from './shifts.repository.js';

const MAX_SHIFT_HOURS = 24;
const MAX_DAYS_AHEAD = 14;
/** A shift may be posted as starting this long ago at most (posted from the site, "we started at 7"). */
export const START_GRACE_MS = 15 * 60_000;
export type ShiftView = ReturnType<typeof toShiftView>;

@Injectable()
export class ShiftsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly shifts: ShiftsRepository,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** `origin`: a posting imported from another system (at most one shift per source and external id). */
  async post(
    employerId: string,
    input: PostShiftInput,
    idempotencyKey?: string,
    origin?: { source: string; externalId: string },
  ): Promise<{ status: number; body: EmployerShift }> {
    const data = { ...(await this.toRow(employerId, input)), ...origin };
    let created: ShiftRow | undefined;
    // Two statements side by side: Prisma's create with an include is a transaction of four.
    const create = async (db: Prisma.TransactionClient | PrismaClient) => {
      const [row, employer] = await Promise.all([
        db.shift.create({ data }),
        db.employerProfile.findUniqueOrThrow({ where: { id: employerId }, select: { name: true } }),
      ]);
      created = { ...row, employer };
      return toEmployerShift(created, { offersOpen: 0, offersSent: 0, hires: [] });
    };
    // Without a key the insert is one statement, atomic on its own: no transaction round trips.
    const result = idempotencyKey
      ? await once(this.prisma, { accountId: employerId, scope: 'POST /api/shifts', key: idempotencyKey }, input, create)
      : { status: 201, body: await create(this.prisma), replayed: false };
    if (!result.replayed && created) this.opened(created);
    return { status: result.status, body: result.body };
  }

  private opened(shift: ShiftRow): void {
    this.log.info(
      { event: 'shift.posted', shiftId: shift.id, employerId: shift.employerId, trade: shift.trade, headcount: shift.headcount },
      'shift posted',
    );
    // Dispatch starts the first wave from this event, with the row at hand: no read back.
    this.events.publish('shift.opened', { shiftId: shift.id, shift });
  }

  private async toRow(employerId: string, input: PostShiftInput): Promise<Prisma.ShiftUncheckedCreateInput> {
    if (!tradeByCode(input.trade)) throw fieldError('trade', '没有这个工种', 'Unknown trade code');
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const now = Date.now();
    if (endsAt <= startsAt) throw fieldError('endsAt', '结束时间必须晚于开始时间', 'endsAt must be after startsAt');
    if (endsAt.getTime() <= now) throw fieldError('endsAt', '结束时间已过', 'endsAt is in the past');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3600_000)
      throw fieldError('endsAt', '一次用工不超过 24 小时', 'A shift lasts at most 24 hours');
    if (startsAt.getTime() < now - START_GRACE_MS)
      throw fieldError('startsAt', '开始时间已过去超过 15 分钟', 'startsAt is more than 15 minutes in the past');
    if (startsAt.getTime() > now + MAX_DAYS_AHEAD * 86400_000)
      throw fieldError('startsAt', '只能发布 14 天内的用工', 'A shift must start within 14 days');
    const market = input.marketId ? await this.markets.find(input.marketId) : this.markets.nearest(input.location);
    if (input.marketId && !market) throw fieldError('marketId', '没有这个市场', 'Unknown market');
    return {
      id: randomUUID(),
      employerId,
      marketId: input.marketId ?? null,
      regionCode: market?.regionCode ?? null,
      title: input.title,
      trade: input.trade,
      description: input.description ?? null,
      headcount: input.headcount,
      wageAmount: input.wage.amount,
      wageUnit: input.wage.unit as 'day' | 'hour' | 'piece',
      lat: input.location.lat,
      lng: input.location.lng,
      address: input.address,
      startsAt,
      endsAt,
      ...input.terms,
    };
  }

  async get(id: string): Promise<ShiftRow> {
    const shift = await this.shifts.find(id);
    if (!shift) throw new AppError('NOT_FOUND');
    return shift;
  }

  async view(id: string, viewerId?: string): Promise<ShiftView | EmployerShift> {
    const found = await shiftForViewer(this.prisma, id, viewerId);
    if (!found) throw new AppError('NOT_FOUND');
    const { shift, extras } = found;
    if (extras) return this.toEmployerView(shift, extras);
    const exact = viewerId ? await this.seesExactly(viewerId, [shift]) : new Set<string>();
    return exact.has(shift.id) ? toShiftView(shift) : withRoundedPlace(toShiftView(shift));
  }

  /** The shifts among these whose exact site this account may see: it holds an offer or a hire, or oversees the market. */
  private async seesExactly(viewerId: string, shifts: ShiftRow[]): Promise<Set<string>> {
    if (!shifts.length) return new Set();
    const held = await this.shifts.heldBy(
      viewerId,
      shifts.map((s) => s.id),
    );
    const markets = [...new Set(shifts.map((s) => s.marketId).filter((m): m is string => !!m))];
    for (const marketId of markets) {
      if (await this.access.canOverseeMarket(viewerId, marketId)) {
        for (const s of shifts) if (s.marketId === marketId) held.add(s.id);
      }
    }
    return held;
  }

  async employerView(shift: ShiftRow): Promise<EmployerShift> {
    return this.toEmployerView(shift, await employerExtras(this.prisma, shift));
  }

  private toEmployerView(shift: ShiftRow, { offersOpen, offersSent, hires }: EmployerExtrasRow): EmployerShift {
    const now = new Date();
    return toEmployerShift(shift, {
      offersOpen,
      offersSent,
      hires: hires.map((a) => ({
        assignmentId: a.assignmentId,
        workerId: a.workerId,
        ...hireContact(a, shift.endsAt, now, this.config.retention.hireContactDays),
        status: a.status,
        hiredAt: a.hiredAt.toISOString(),
        checkInAt: a.checkInAt?.toISOString() ?? null,
        checkOutAt: a.checkOutAt?.toISOString() ?? null,
        rating: a.rating,
      })),
    });
  }

  /**
   * Shifts near a market or everywhere. An employer's own (`mine`) and the staff overseeing the market see
   * every status with the exact site; everyone else sees open shifts only, placed to about 100 m unless
   * they hold an offer or a hire for one.
   */
  async list(
    viewerId: string | undefined,
    filter: { marketId?: string; status?: string; mine?: boolean; limit: number },
  ): Promise<ShiftView[]> {
    const market = filter.marketId ? await this.markets.find(filter.marketId) : undefined;
    if (filter.marketId && !market) throw new AppError('NOT_FOUND');
    const full = !!filter.mine || (!!viewerId && !!market && (await this.access.canOverseeMarket(viewerId, market.id)));
    if (!full && filter.status && filter.status !== 'open') return [];
    const where: Prisma.ShiftWhereInput = {};
    const status = full ? filter.status : 'open';
    if (status) where.status = status as Prisma.ShiftWhereInput['status'];
    if (filter.mine) where.employerId = viewerId;
    let rows: ShiftRow[];
    if (market) {
      where.OR = nearMarketBox(market);
      rows = (await this.shifts.list(where, filter.limit * 2)).filter((s) => nearMarket(market, s)).slice(0, filter.limit);
    } else {
      rows = await this.shifts.list(where, filter.limit);
    }
    if (full) return rows.map(toShiftView);
    const exact = viewerId ? await this.shifts.heldBy(viewerId, rows.map((s) => s.id)) : new Set<string>();
    return rows.map((s) => (exact.has(s.id) ? toShiftView(s) : withRoundedPlace(toShiftView(s))));
  }

  async cancel(employerId: string, id: string): Promise<EmployerShift> {
    const shift = await this.get(id);
    if (shift.employerId !== employerId) throw new AppError('FORBIDDEN');
    if (shift.status === 'cancelled') throw new AppError('SHIFT_CANCELLED');
    if (!(await this.shifts.close(id, 'cancelled', ['open', 'filled']))) throw new AppError('SHIFT_NOT_OPEN');
    const hires = await this.prisma.assignment.findMany({ where: { shiftId: id, status: 'hired' }, select: { id: true, workerId: true } });
    await this.prisma.assignment.updateMany({ where: { shiftId: id, status: 'hired' }, data: { status: 'cancelled' } });
    for (const h of hires) {
      this.events.publish('assignment.cancelled', { assignmentId: h.id, shiftId: id, workerId: h.workerId, reason: 'shift_cancelled' });
    }
    // Dispatch withdraws the open offers; the answer below shows them withdrawn.
    await this.events.publishAndWait('shift.cancelled', { shiftId: id });
    this.log.info({ event: 'shift.cancelled', shiftId: id, employerId, hiresCancelled: hires.length }, 'shift cancelled');
    return this.employerView(await this.get(id));
  }
}
