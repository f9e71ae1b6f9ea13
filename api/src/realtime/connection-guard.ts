import type { Logger } from 'pino';
import type { Socket } from 'socket.io';

type GuardedSocket = Pick<Socket, 'id' | 'nsp' | 'conn'>;

/**
 * Runs a socket's connect or disconnect work. Nest does not catch what these hooks reject with, and an
 * unhandled rejection ends the process: one socket meeting a full database pool took a whole instance
 * down. A failed connect is logged and its transport dropped, so the client reconnects with back-off
 * and gets its set-up (open offers, a snapshot) again; a failed disconnect is only logged.
 */
export async function guardConnection(
  socket: GuardedSocket,
  log: Logger,
  phase: 'connect' | 'disconnect',
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error({ err, socket: socket.id, nsp: socket.nsp.name, phase }, `socket ${phase} failed`);
    if (phase === 'connect') socket.conn.close();
  }
}
