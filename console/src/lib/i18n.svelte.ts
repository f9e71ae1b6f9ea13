import { en, zh, type MessageKey } from './messages.js';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const LANG_KEY = 'lg.console.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export const locale = $state<{ lang: Lang }>({ lang: storedLang() });

export function applyLang(): void {
  document.documentElement.lang = locale.lang === 'en' ? 'en' : 'zh-CN';
  document.title = locale.lang === 'en' ? `${en['app.name']} 零工快招` : zh['app.name'];
}

export function setLang(lang: Lang): void {
  locale.lang = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // ignore
  }
  applyLang();
}

/** Translate a key; `{name}` placeholders are filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = (locale.lang === 'en' ? en[key] : zh[key]) ?? zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Translate a key built from data (a case kind, a ledger type); unknown ones show as they are. */
export function tOr(key: string, fallback: string): string {
  const table: Record<string, string> = locale.lang === 'en' ? en : zh;
  return table[key] ?? fallback;
}

/** The Accept-Language the API localises its error messages by. */
export function acceptLanguage(): string {
  return locale.lang === 'en' ? 'en' : 'zh-CN';
}

/** Pick the Chinese or English name of a thing that has both. */
export function localName(thing: { name: string; nameEn?: string | null }): string {
  return locale.lang === 'en' && thing.nameEn ? thing.nameEn : thing.name;
}
