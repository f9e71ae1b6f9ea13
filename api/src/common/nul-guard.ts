import type { NextFunction, Request, Response } from 'express';
import { AppError, languageOf } from './errors.js';

/** The path to the first string holding a NUL character, or undefined: PostgreSQL text cannot store one. */
export function findNul(value: unknown, path = '(body)', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(child, path === '(body)' ? key : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function pathHasNul(url: string): boolean {
  try {
    return decodeURIComponent(url).includes('\u0000');
  } catch {
    return false; // a malformed escape is the router's to refuse
  }
}

export const NUL_MESSAGE = { zh: '不能包含空字符（\\u0000）', en: 'must not contain a NUL character (\\u0000)' };

/** Refuses a request with a NUL character in its URL, query or JSON body as 400, before any route runs. */
export function rejectNulCharacters(request: Request, response: Response, next: NextFunction): void {
  const field = pathHasNul(request.originalUrl) ? '(path)' : findNul(request.body as unknown);
  if (!field) return next();
  const error = new AppError('VALIDATION_FAILED', [{ field, ...NUL_MESSAGE }]);
  response.status(error.status).json(error.toBody(languageOf(request.headers['accept-language'])));
}
