import type { CaseKind, CaseKindInfo, CaseUpdatedPayload, CaseView } from '@linggong/protocol';
import { request } from './api.js';
import { formatDateTime } from './format.js';
import { locale, t, type MessageKey } from './i18n.svelte.js';
import { showNotice } from './notice.svelte.js';

export type { CaseKind, CaseKindInfo, CaseView } from '@linggong/protocol';

/** The kinds a phone offers about a hire, in the order people reach for them. */
export const HIRE_CASE_KINDS: CaseKind[] = ['wage_arrears', 'dispute', 'injury', 'complaint'];

let kinds: Promise<CaseKindInfo[]> | null = null;

/** GET /api/cases/kinds once per session: names, time limits and the full checklists (一次性告知). */
export function caseKinds(): Promise<CaseKindInfo[]> {
  kinds ??= request<CaseKindInfo[]>('GET', '/cases/kinds').catch((error: unknown) => {
    kinds = null;
    throw error;
  });
  return kinds;
}

/** A case about a hire: the server places it at the shift's market and attaches the hire's records. */
export async function openCase(assignmentId: string, kind: CaseKind, description: string): Promise<CaseView> {
  const opened = await request<CaseView>('POST', '/cases', { body: { kind, assignmentId, description } });
  window.dispatchEvent(new CustomEvent('lg:case-updated', { detail: { caseId: opened.id, status: opened.status, action: 'opened' } }));
  return opened;
}

/** A case at a market not about a hire (a worker's own market, from the rights guide): any kind. */
export async function openMarketCase(marketId: string, kind: CaseKind, description: string): Promise<CaseView> {
  const opened = await request<CaseView>('POST', '/cases', { body: { kind, marketId, description } });
  window.dispatchEvent(new CustomEvent('lg:case-updated', { detail: { caseId: opened.id, status: opened.status, action: 'opened' } }));
  return opened;
}

export const myCases = () => request<CaseView[]>('GET', '/cases?mine=1');

export const kindName = (k: CaseKindInfo) => (locale.lang === 'en' ? k.nameEn : k.name);
export const checklistOf = (k: CaseKindInfo) => (locale.lang === 'en' ? k.checklistEn : k.checklist);

export function caseStatusLabel(c: CaseView): string {
  if (c.status !== 'closed' && c.overdue) return t('cases.status.overdue');
  return t(`cases.status.${c.status}` as MessageKey);
}

export function caseActionLabel(action: string): string {
  const key = `cases.action.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}

export const caseWhen = (iso: string) => formatDateTime(iso);

/** A step on one of my cases, from /worker or /employer: say so, and let an open 我的事项 re-read. */
export function caseUpdated(update: CaseUpdatedPayload): void {
  if (update.action !== 'opened') showNotice(t('cases.updated', { action: caseActionLabel(update.action) }), 'good', 6000);
  window.dispatchEvent(new CustomEvent('lg:case-updated', { detail: update }));
}
