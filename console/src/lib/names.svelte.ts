import { request } from './api.js';
import { trades } from './endpoints.js';
import { localName } from './i18n.svelte.js';

interface Named {
  code: string;
  name: string;
  nameEn: string;
}

/** Trade and industry names by code, loaded once, for tables and charts. */
export const names = $state<{ trades: Record<string, Named>; industries: Record<string, Named> }>({ trades: {}, industries: {} });

let loading: Promise<void> | null = null;

export function loadNames(): Promise<void> {
  loading ??= Promise.all([trades(), request<Named[]>('GET', '/industries')])
    .then(([tradeList, industryList]) => {
      names.trades = Object.fromEntries(tradeList.map((x) => [x.code, x]));
      names.industries = Object.fromEntries(industryList.map((x) => [x.code, x]));
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}

export function tradeName(code: string): string {
  const found = names.trades[code];
  return found ? localName(found) : code;
}

export function industryName(code: string): string {
  const found = names.industries[code];
  return found ? localName(found) : code;
}
