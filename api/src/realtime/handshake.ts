import type { Role } from '@linggong/protocol';
import type { Namespace } from 'socket.io';
import type { AccountsReader } from '../auth/accounts.reader.js';

/** A refused handshake: the client's `connect_error` carries the code as its message. */
export class HandshakeRefused extends Error {}

/**
 * The one socket handshake of every gateway: `check` reads the handshake's `auth` and resolves to what the
 * socket keeps as its data, or throws HandshakeRefused with a code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
 * VALIDATION_FAILED); anything else refuses with INTERNAL.
 */
export function handshake<D extends object>(nsp: Namespace<never, never, never, D>, check: (auth: Record<string, unknown>) => Promise<D>): void {
  nsp.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    check(auth)
      .then((data) => {
        socket.data = data;
        next();
      })
      .catch((error: unknown) => next(new Error(error instanceof HandshakeRefused ? error.message : 'INTERNAL')));
  });
}

/** The handshake of the signed-in namespaces: `auth: { token }` of an account holding `role`. */
export function requireAccount<D extends object>(
  nsp: Namespace<never, never, never, D>,
  accounts: AccountsReader,
  role: Role,
  dataOf: (accountId: string) => D,
): void {
  handshake(nsp, async ({ token }) => {
    const account = await accounts.fromHandshake(typeof token === 'string' ? token : undefined, [role]);
    if (!account) throw new HandshakeRefused('UNAUTHENTICATED');
    if (!account.roles.includes(role)) throw new HandshakeRefused('FORBIDDEN');
    return dataOf(account.id);
  });
}
