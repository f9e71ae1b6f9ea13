import type { CaseEvidence, CaseHistoryItem, CaseOutcomeType, CaseView } from '@linggong/protocol';
import type { CaseKinds } from './case-kinds.js';
import type { CaseRow } from './cases.repository.js';

/** A case as the protocol shows it, field by field; the contact phone only to those who may call back. */
export function toCaseView(c: CaseRow, kinds: CaseKinds, now: Date, showPhone: boolean): CaseView {
  const info = kinds.info(c.kind);
  return {
    id: c.id,
    kind: c.kind,
    marketId: c.marketId,
    status: c.status,
    ownerId: c.ownerId,
    timeLimitDays: c.timeLimitDays,
    dueAt: c.dueAt.toISOString(),
    checklist: info.checklist,
    checklistEn: info.checklistEn,
    history: c.events.map(toHistoryItem),
    createdAt: c.createdAt.toISOString(),
    description: c.description,
    assignmentId: c.assignmentId,
    openedBy: c.openedBy,
    openedByRole: c.openedByRole as CaseView['openedByRole'],
    contactPhone: showPhone ? c.contactPhone : null,
    overdue: c.status !== 'closed' && c.dueAt < now,
    outcome: c.outcome,
    outcomes: c.events
      .filter((e) => e.action === 'outcome')
      .map((e) => ({
        type: e.outcome as CaseOutcomeType,
        at: e.at.toISOString(),
        by: e.by ?? 'system',
        ...(e.note ? { note: e.note } : {}),
      })),
    evidence: (c.evidence as unknown as CaseEvidence | null) ?? null,
  };
}

function toHistoryItem(e: CaseRow['events'][number]): CaseHistoryItem {
  const item: CaseHistoryItem = { at: e.at.toISOString(), action: e.action, by: e.by ?? 'system' };
  if (e.note) item.note = e.note;
  if (e.toAccountId) item.toAccountId = e.toAccountId;
  if (e.outcome) item.outcome = e.outcome;
  return item;
}
