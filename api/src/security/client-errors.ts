import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { AppError } from '../common/errors.js';

/**
 * Requests Node's HTTP parser refuses before any route runs (headers over its limit, a malformed request
 * line) get the protocol's error body too, in Chinese (no headers could be read), instead of Node's bare
 * status line: 431 HEADERS_TOO_LARGE, anything else 400 VALIDATION_FAILED. The connection is then closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const appError = new AppError(error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'VALIDATION_FAILED');
    const body = JSON.stringify(appError.toBody('zh'));
    socket.end(
      `HTTP/1.1 ${appError.status} ${appError.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
