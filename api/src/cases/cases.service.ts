import { Inject, Injectable } from '@nestjs/common';
import type { CaseOutcomeType, CaseView, Market } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents, type CaseEventPayload, type DomainEventMap } from '../events/domain-events.js';
import { distanceKm } from '../common/geo.js';
import { MarketsService } from '../reference/markets.service.js';
import { CaseKinds } from './case-kinds.js';
import type { CasesQueryInput, OpenCaseInput } from './case.schemas.js';
import { toCaseView } from './case.view.js';
import { CasesRepository, type AssignmentFacts, type CaseRow, type Transition } from './cases.repository.js';

/** How a caller stands to a case: acting at the market's window, overseeing it, or one of its people. */
type Standing = 'serve' | 'oversee' | 'party';
type CaseEventName = { [K in keyof DomainEventMap]: DomainEventMap[K] extends CaseEventPayload ? K : never }[keyof DomainEventMap];

/** Cases under the service rules: 首问负责 (first to take owns), 限时办结 (due in working days), 一次性告知. */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly kinds: CaseKinds,
    private readonly calendar: WorkingCalendar,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  kindList() {
    return this.kinds.all();
  }

  /**
   * Staff (or a region admin) at the market's window own the case at once. Anyone else opens it as a
   * worker or employer, about their own assignment only.
   */
  async open(account: SignedInAccount, input: OpenCaseInput): Promise<CaseView> {
    const facts = input.assignmentId ? await this.cases.assignment(input.assignmentId) : null;
    if (input.assignmentId && !facts) throw new AppError('NOT_FOUND');
    const marketId = input.marketId ?? (facts ? await this.marketOf(facts) : undefined);
    if (!marketId) throw fieldError('marketId', '请选择市场', 'marketId is required for a case not about a hire');
    if (!(await this.markets.find(marketId))) throw fieldError('marketId', '没有这个市场', 'Unknown market');
    const atWindow = await this.access.canServeMarket(account.id, marketId);
    const role = atWindow ? 'staff' : account.roles.includes('worker') ? 'worker' : account.roles.includes('employer') ? 'employer' : null;
    if (!role) throw new AppError('FORBIDDEN');
    if (facts && role === 'worker' && facts.workerId !== account.id) throw new AppError('FORBIDDEN');
    if (facts && role === 'employer' && facts.employerId !== account.id) throw new AppError('FORBIDDEN');
    const createdAt = new Date();
    const timeLimitDays = this.kinds.timeLimitDays(input.kind);
    const row = await this.cases.create({
      kind: input.kind,
      marketId,
      description: input.description,
      assignmentId: facts?.id ?? null,
      workerId: facts?.workerId ?? (role === 'worker' ? account.id : null),
      employerId: facts?.employerId ?? (role === 'employer' ? account.id : null),
      openedBy: account.id,
      openedByRole: role,
      contactPhone: input.contactPhone ?? null,
      ownerId: atWindow ? account.id : null,
      timeLimitDays,
      dueAt: this.calendar.dueAt(createdAt, timeLimitDays),
      evidence: facts?.evidence ?? null,
      createdAt,
    });
    this.log.info({ event: 'case.opened', caseId: row.id, marketId: row.marketId, kind: row.kind, role }, 'case opened');
    this.publish('case.opened', row, account.id);
    if (atWindow) this.publish('case.taken', row, account.id);
    return this.view(row, true);
  }

  /**
   * A dispute opened on the phone (POST /api/assignments/:id/dispute) becomes a `dispute` case at the
   * shift's market (marketOf). Its clock starts when the dispute was opened. Idempotent: Case.disputeId
   * is unique.
   */
  async fromDispute(disputeId: string): Promise<void> {
    if (await this.cases.findByDispute(disputeId)) return;
    const d = await this.cases.dispute(disputeId);
    if (!d) return;
    const facts = await this.cases.assignment(d.assignmentId);
    if (!facts) return;
    const marketId = await this.marketOf(facts);
    if (!marketId) {
      this.log.warn({ event: 'case.dispute_unplaced', disputeId }, 'no market to take the dispute');
      return;
    }
    const timeLimitDays = this.kinds.timeLimitDays('dispute');
    let row: CaseRow;
    try {
      row = await this.cases.create({
        kind: 'dispute',
        marketId,
        description: d.description,
        assignmentId: facts.id,
        disputeId: d.id,
        workerId: facts.workerId,
        employerId: facts.employerId,
        openedBy: d.openedBy,
        openedByRole: d.openedByRole === 'employer' ? 'employer' : 'worker',
        contactPhone: null,
        ownerId: null,
        timeLimitDays,
        dueAt: this.calendar.dueAt(d.createdAt, timeLimitDays),
        evidence: d.evidence ?? facts.evidence,
        createdAt: d.createdAt,
      });
    } catch (err) {
      // Another instance made it first (unique disputeId).
      if (await this.cases.findByDispute(disputeId)) return;
      throw err;
    }
    this.log.info({ event: 'case.opened', caseId: row.id, marketId: row.marketId, disputeId }, 'dispute became a case');
    this.publish('case.opened', row, d.openedBy);
  }

  /** Disputes that have no case yet (the process stopped between the two): picked up by the periodic check. */
  async adoptDisputes(): Promise<void> {
    for (const id of await this.cases.disputesWithoutCase()) await this.fromDispute(id);
  }

  async take(account: SignedInAccount, id: string): Promise<CaseView> {
    const c = await this.load(id);
    if (!(await this.access.canServeMarket(account.id, c.marketId))) throw new AppError('FORBIDDEN');
    if (c.ownerId === account.id && c.status !== 'closed') return this.view(c, true);
    return this.transition(c, { kind: 'take', by: account.id }, 'case.taken');
  }

  async handover(account: SignedInAccount, id: string, toAccountId: string, reason: string): Promise<CaseView> {
    const c = await this.owned(account, id);
    if (toAccountId === account.id || !(await this.access.isStaffOf(toAccountId, c.marketId)))
      throw fieldError('toAccountId', '只能转交给本市场的其他工作人员', 'A case is handed over to another staff member of its market');
    return this.transition(c, { kind: 'handover', by: account.id, to: toAccountId, reason }, 'case.handed_over');
  }

  async close(account: SignedInAccount, id: string, outcome: string): Promise<CaseView> {
    const c = await this.owned(account, id);
    return this.transition(c, { kind: 'close', by: account.id, outcome }, 'case.closed');
  }

  async note(account: SignedInAccount, id: string, note: string): Promise<CaseView> {
    const c = await this.load(id);
    if (c.ownerId !== account.id && !(await this.access.canServeMarket(account.id, c.marketId))) throw new AppError('FORBIDDEN');
    if (!(await this.cases.note(id, account.id, note, new Date()))) throw new AppError('CASE_CLOSED');
    this.publish('case.noted', c, account.id, { note });
    return this.view(await this.load(id), true);
  }

  async outcome(account: SignedInAccount, id: string, type: CaseOutcomeType, note?: string): Promise<CaseView> {
    const c = await this.owned(account, id);
    if ((type === 'no_show_reversed' || type === 'wage_paid') && !c.assignmentId)
      throw fieldError('type', '这个事项没有关联的用工记录', 'This case is not about a hire');
    if (!(await this.cases.outcome(c, account.id, type, note, new Date()))) throw await this.whyNot(id);
    this.log.info({ event: 'case.outcome', caseId: id, outcome: type, assignmentId: c.assignmentId }, 'case outcome');
    this.publish('case.outcome', c, account.id, { outcome: type });
    return this.view(await this.load(id), true);
  }

  async list(account: SignedInAccount, q: CasesQueryInput): Promise<CaseView[]> {
    const now = new Date();
    const overdueAt = q.overdue ? now : undefined;
    if (q.mine) {
      const rows = await this.cases.list({ involving: account.id, marketId: q.marketId, status: q.status, overdueAt });
      return Promise.all(rows.map(async (c) => this.view(c, await this.showsPhone(account.id, c))));
    }
    if (!q.marketId) throw fieldError('marketId', '请选择市场，或用 mine=1 查看自己的事项', 'marketId is required unless mine=1');
    if (!(await this.markets.find(q.marketId))) throw new AppError('NOT_FOUND');
    await this.access.assertOverseeMarket(account.id, q.marketId);
    const serve = await this.access.canServeMarket(account.id, q.marketId);
    const rows = await this.cases.list({ marketId: q.marketId, status: q.status, overdueAt });
    return rows.map((c) => this.view(c, serve || c.openedBy === account.id));
  }

  async get(account: SignedInAccount, id: string): Promise<CaseView> {
    const c = await this.load(id);
    const standing = await this.standing(account.id, c);
    if (!standing) throw new AppError('FORBIDDEN');
    return this.view(c, standing === 'serve' || c.openedBy === account.id);
  }

  /** Marks newly overdue cases (once each, across instances) and tells the ledger and the market's people. */
  async escalateOverdue(now = new Date()): Promise<number> {
    const rows = await this.cases.markOverdue(now);
    for (const r of rows) {
      this.log.warn({ event: 'case.overdue', caseId: r.id, marketId: r.marketId, kind: r.kind }, 'case overdue');
      this.events.publish('case.overdue', { caseId: r.id, marketId: r.marketId, kind: r.kind, actorId: null });
    }
    return rows.length;
  }

  private async transition(c: CaseRow, t: Transition, event: CaseEventName): Promise<CaseView> {
    if (!(await this.cases.transition(c.id, t, new Date()))) throw await this.whyNot(c.id, t.kind === 'take');
    const extra = t.kind === 'handover' ? { toAccountId: t.to, note: t.reason } : t.kind === 'close' ? { outcome: t.outcome } : {};
    this.log.info({ event, caseId: c.id, marketId: c.marketId, by: t.by }, event);
    this.publish(event, c, t.by, extra);
    return this.view(await this.load(c.id), true);
  }

  /** Why a conditional update matched nothing: the case closed meanwhile, someone took it first, or it changed hands. */
  private async whyNot(id: string, taking = false): Promise<AppError> {
    const now = await this.load(id);
    if (now.status === 'closed') return new AppError('CASE_CLOSED');
    return new AppError(taking ? 'CASE_OWNED' : 'NOT_CASE_OWNER');
  }

  /** The owner's actions: others who serve the market hear NOT_CASE_OWNER, strangers FORBIDDEN. */
  private async owned(account: SignedInAccount, id: string): Promise<CaseRow> {
    const c = await this.load(id);
    if (c.ownerId === account.id) {
      if (c.status === 'closed') throw new AppError('CASE_CLOSED');
      return c;
    }
    if (!(await this.access.canServeMarket(account.id, c.marketId))) throw new AppError('FORBIDDEN');
    if (c.status === 'closed') throw new AppError('CASE_CLOSED');
    throw new AppError('NOT_CASE_OWNER');
  }

  private async standing(accountId: string, c: CaseRow): Promise<Standing | null> {
    if (await this.access.canServeMarket(accountId, c.marketId)) return 'serve';
    if (await this.access.canOverseeMarket(accountId, c.marketId)) return 'oversee';
    if ([c.openedBy, c.workerId, c.employerId, c.ownerId].includes(accountId)) return 'party';
    return null;
  }

  private async showsPhone(accountId: string, c: CaseRow): Promise<boolean> {
    return c.openedBy === accountId || (await this.access.canServeMarket(accountId, c.marketId));
  }

  private async load(id: string): Promise<CaseRow> {
    const c = await this.cases.find(id);
    if (!c) throw new AppError('NOT_FOUND');
    return c;
  }

  private view(c: CaseRow, showPhone: boolean): CaseView {
    return toCaseView(c, this.kinds, new Date(), showPhone);
  }

  private publish(name: CaseEventName, c: CaseRow, actorId: string | null, extra: Partial<CaseEventPayload> = {}): void {
    this.events.publish(name, { caseId: c.id, marketId: c.marketId, kind: c.kind, actorId, ...extra });
  }

  /**
   * The market a hire's case goes to: the one its shift was posted at, else the nearest market whose
   * reach covers the site, else the nearest market. The place of work decides, as for labour inspection.
   */
  private async marketOf(facts: AssignmentFacts): Promise<string | undefined> {
    const posted = facts.marketId ? await this.markets.find(facts.marketId) : undefined;
    return (posted ?? this.markets.nearest(facts.site) ?? this.nearestAny(facts.site))?.id;
  }

  private nearestAny(site: { lat: number; lng: number }) {
    let best: { market: Market; d: number } | undefined;
    for (const market of this.markets.all()) {
      const d = distanceKm(site, market.location);
      if (!best || d < best.d) best = { market, d };
    }
    return best?.market;
  }
}
