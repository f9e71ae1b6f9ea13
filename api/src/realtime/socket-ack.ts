import type { Ack } from '@linggong/protocol';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { AppError, languageOf, type Language } from '../common/errors.js';
import { toAppError } from '../common/error.filter.js';

export function socketLanguage(socket: Socket): Language {
  const asked = (socket.handshake.auth as { lang?: string } | undefined)?.lang;
  return languageOf(asked ?? socket.handshake.headers['accept-language']);
}

/** Runs a handler and turns its result or failure into `{ ok: true, ... }` or `{ ok: false, code, message }`. */
export async function respond<T extends object>(socket: Socket, log: Logger, handler: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, ...(await handler()) };
  } catch (error) {
    const known = toAppError(error);
    if (!known) log.error({ err: error, socket: socket.id, nsp: socket.nsp.name }, 'socket handler failed');
    return { ok: false, ...(known ?? new AppError('INTERNAL')).toBody(socketLanguage(socket)) };
  }
}
