import type { ErrorBody, FieldError } from '@linggong/protocol';
import { acceptLanguage, t } from './i18n.svelte.js';
import { session, signOut } from './session.svelte.js';

/** An API failure with its stable code and the server's message for people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/** Phones often keep a wrong clock; offer countdowns use the server's. */
let clockOffsetMs = 0;
export const serverNow = (): number => Date.now() + clockOffsetMs;

function learnClock(res: Response): void {
  const date = res.headers.get('date');
  if (!date) return;
  const offset = Date.parse(date) + 500 - Date.now();
  // The header has one-second resolution; only correct clocks that are clearly off.
  clockOffsetMs = Number.isFinite(offset) && Math.abs(offset) > 3000 ? offset : 0;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = `Bearer ${session.token}`;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch('/api' + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('error.network'));
  } finally {
    clearTimeout(timer);
  }
  learnClock(res);

  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return data as T;

  const body = (data ?? {}) as Partial<ErrorBody>;
  if (res.status === 401 && session.token && !path.startsWith('/auth/')) {
    signOut();
    location.hash = '#/login?expired=1';
  }
  throw new ApiError(
    res.status,
    body.code ?? (res.status >= 500 ? 'INTERNAL' : 'HTTP_' + res.status),
    body.message ?? t('error.server', { status: res.status }),
    Array.isArray(body.details) ? body.details : [],
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return t('error.unknown');
}

/**
 * Spread `details[].field` onto form fields. A field like `wage.amount` or
 * `terms.nightWork` is reported under its own key and under its first segment,
 * so a form can show it wherever it has a slot for it.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const { field, message } of error.details) {
    const key = field.replace(/\[\d+\]/g, '');
    out[key] ??= message;
    const head = key.split('.')[0];
    out[head] ??= message;
  }
  return out;
}
