import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, languageOf, RateLimited } from './errors.js';
import { LOGGER } from './logger.js';

const STATUS_CODES: Record<number, AppError['code']> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** Turns every failure into `{ code, message, details? }`; unknown failures are logged and become 500 INTERNAL. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof HttpException) {
    const code = STATUS_CODES[error.getStatus()];
    if (code) return new AppError(code);
  }
  if (isBodyTooLarge(error)) return new AppError('PAYLOAD_TOO_LARGE');
  if (isBodyParserError(error)) {
    return new AppError('VALIDATION_FAILED', [{ field: '(body)', zh: '请求内容不是有效的 JSON', en: 'The body is not valid JSON' }]);
  }
  return undefined;
}

function isBodyTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: string }).type === 'entity.too.large';
}

function isBodyParserError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: string }).type === 'entity.parse.failed';
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const lang = languageOf(request.headers['accept-language']);
    const known = toAppError(error);
    if (known) {
      if (known instanceof RateLimited) response.setHeader('Retry-After', String(known.retryAfterS));
      response.status(known.status).json(known.toBody(lang));
      return;
    }
    this.log.error({ err: error, method: request.method, url: request.originalUrl }, 'unhandled error');
    const internal = new AppError('INTERNAL');
    response.status(internal.status).json(internal.toBody(lang));
  }
}
