import type { LendableView, LoanView } from '@linggong/protocol';
import type { LendableRow, LoanRow } from './lending.repository.js';

export function toLoanView(l: LoanRow, names: Map<string, string>, now = new Date()): LoanView {
  return {
    id: l.id,
    lendableId: l.lendableId,
    marketId: l.marketId,
    kind: l.lendable.kind,
    name: l.lendable.name,
    workerId: l.workerId,
    workerName: names.get(l.workerId) ?? null,
    lentBy: l.lentBy,
    lentAt: l.lentAt.toISOString(),
    dueAt: l.dueAt.toISOString(),
    deposit: Number(l.deposit),
    returnedAt: l.returnedAt?.toISOString() ?? null,
    returnedBy: l.returnedBy,
    depositRefunded: l.depositRefunded,
    overdue: !l.returnedAt && l.dueAt < now,
  };
}

export function toLendableView(i: LendableRow, loan: LoanView | null): LendableView {
  return { id: i.id, marketId: i.marketId, kind: i.kind, name: i.name, deposit: Number(i.deposit), loan };
}
