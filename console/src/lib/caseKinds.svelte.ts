import type { CaseKindInfo } from '@linggong/protocol';
import { cases } from './endpoints.js';
import { locale } from './i18n.svelte.js';

/** GET /api/cases/kinds, loaded once: names, time limits and the 一次性告知 checklists. */
export const caseKinds = $state<{ items: CaseKindInfo[] }>({ items: [] });

export async function loadCaseKinds(): Promise<CaseKindInfo[]> {
  if (caseKinds.items.length === 0) caseKinds.items = await cases.kinds();
  return caseKinds.items;
}

export function kindInfo(kind: string): CaseKindInfo | undefined {
  return caseKinds.items.find((k) => k.kind === kind);
}

export function checklistOf(info: CaseKindInfo): string[] {
  return locale.lang === 'en' && info.checklistEn?.length ? info.checklistEn : info.checklist;
}
