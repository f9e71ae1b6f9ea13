import { Inject, Injectable } from '@nestjs/common';
import type { LendableView, LoanView } from '@linggong/protocol';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import type { SignedInAccount } from '../auth/accounts.reader.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { MarketsService } from '../reference/markets.service.js';
import type { LendInput, NewLendableInput } from './lending.schemas.js';
import { LendingRepository, type LoanRow } from './lending.repository.js';
import { toLendableView, toLoanView } from './lending.view.js';

/** A market's tools and lockers (工具借用, 行李寄存): lent and returned at the window, with a deposit and a due time. */
@Injectable()
export class LendingService {
  constructor(
    private readonly lending: LendingRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async add(account: SignedInAccount, marketId: string, input: NewLendableInput): Promise<LendableView> {
    await this.market(marketId);
    await this.access.assertServeMarket(account.id, marketId);
    return toLendableView(await this.lending.createLendable({ marketId, ...input }), null);
  }

  async items(account: SignedInAccount, marketId: string): Promise<LendableView[]> {
    await this.market(marketId);
    await this.access.assertOverseeMarket(account.id, marketId);
    const [items, out] = await Promise.all([this.lending.lendables(marketId), this.lending.outstanding({ marketId })]);
    const names = await this.lending.workerNames(out.map((l) => l.workerId));
    const loans = new Map(out.map((l) => [l.lendableId, toLoanView(l, names)]));
    return items.map((i) => toLendableView(i, loans.get(i.id) ?? null));
  }

  async lend(account: SignedInAccount, lendableId: string, input: LendInput): Promise<LoanView> {
    const item = await this.lending.findLendable(lendableId);
    if (!item) throw new AppError('NOT_FOUND');
    await this.access.assertServeMarket(account.id, item.marketId);
    const now = new Date();
    const dueAt = new Date(input.dueAt);
    if (dueAt <= now) throw fieldError('dueAt', '归还时间须在现在之后', 'dueAt must be in the future');
    if (!(await this.lending.workerNames([input.workerId])).has(input.workerId)) throw fieldError('workerId', '没有这位求职者', 'Unknown worker');
    if (item.loanId) throw new AppError('ITEM_OUT');
    const loan = await this.lending.lend({ lendableId, marketId: item.marketId, workerId: input.workerId, lentBy: account.id, lentAt: now, dueAt });
    this.log.info({ event: 'loan.lent', loanId: loan.id, lendableId, marketId: item.marketId }, 'item lent');
    this.events.publish('loan.lent', { loanId: loan.id, marketId: loan.marketId, workerId: loan.workerId, actorId: account.id });
    return this.view(loan);
  }

  async giveBack(account: SignedInAccount, loanId: string, depositRefunded: boolean): Promise<LoanView> {
    const loan = await this.lending.findLoan(loanId);
    if (!loan) throw new AppError('NOT_FOUND');
    await this.access.assertServeMarket(account.id, loan.marketId);
    const back = await this.lending.giveBack(loanId, { by: account.id, at: new Date(), depositRefunded });
    if (!back) throw new AppError('LOAN_RETURNED');
    this.events.publish('loan.returned', { loanId, marketId: back.marketId, workerId: back.workerId, actorId: account.id, depositRefunded });
    return this.view(back);
  }

  async loans(account: SignedInAccount, marketId: string, overdue: boolean): Promise<LoanView[]> {
    await this.market(marketId);
    await this.access.assertOverseeMarket(account.id, marketId);
    const now = new Date();
    return this.views(await this.lending.outstanding({ marketId, overdueAt: overdue ? now : undefined }), now);
  }

  async mine(account: SignedInAccount): Promise<LoanView[]> {
    return this.views(await this.lending.outstanding({ workerId: account.id }));
  }

  /** The periodic check: loans newly past due, each marked (and published) once. */
  async markOverdue(now = new Date()): Promise<void> {
    for (const loan of await this.lending.newlyOverdue(now)) {
      if (!(await this.lending.markOverdue(loan.id, now))) continue;
      this.log.info({ event: 'loan.overdue', loanId: loan.id, marketId: loan.marketId }, 'loan overdue');
      this.events.publish('loan.overdue', { loanId: loan.id, marketId: loan.marketId, workerId: loan.workerId, actorId: null });
    }
  }

  private async view(loan: LoanRow): Promise<LoanView> {
    return toLoanView(loan, await this.lending.workerNames([loan.workerId]));
  }

  private async views(rows: LoanRow[], now = new Date()): Promise<LoanView[]> {
    const names = await this.lending.workerNames(rows.map((l) => l.workerId));
    return rows.map((l) => toLoanView(l, names, now));
  }

  private async market(marketId: string): Promise<void> {
    if (!(await this.markets.find(marketId))) throw new AppError('NOT_FOUND');
  }
}
