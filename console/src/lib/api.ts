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

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The URL of an API path, for links (CSV downloads) that the browser fetches itself. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  return '/api' + withQuery(path, query);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = `Bearer ${session.token}`;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
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

  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (res.ok) return data as T;

  const body = (data && typeof data === 'object' ? data : {}) as Partial<ErrorBody>;
  if (res.status === 401 && session.token && !path.startsWith('/auth/code') && !path.startsWith('/auth/login')) {
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

/** A CSV (or other text) body fetched with the token, for a download the browser saves. */
export async function download(path: string, query: RequestOptions['query'], filename: string): Promise<void> {
  const text = await request<string>('GET', path, { query });
  const blob = new Blob([typeof text === 'string' ? text : JSON.stringify(text)], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return t('error.unknown');
}

/** Spread `details[].field` onto form fields (a field `employer.name` also under `employer`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const { field, message } of error.details) {
    const key = field.replace(/\[\d+\]/g, '');
    out[key] ??= message;
    out[key.split('.')[0]] ??= message;
  }
  return out;
}
