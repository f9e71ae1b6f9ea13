import type { Role } from '@linggong/protocol';
import type { Namespace } from 'socket.io';
import type { AccountsReader } from '../auth/accounts.reader.js';

/**
 * The one socket handshake for signed-in namespaces: `auth: { token }` of an account holding `role`.
 * Refuses with UNAUTHENTICATED (no or bad token), FORBIDDEN (another role) or INTERNAL (the check failed);
 * on success the socket keeps `dataOf(accountId)` as its data.
 */
export function requireAccount<D extends object>(
  nsp: Namespace<never, never, never, D>,
  accounts: AccountsReader,
  role: Role,
  dataOf: (accountId: string) => D,
): void {
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
    accounts
      .fromHandshake(token, [role])
      .then((account) => {
        if (!account) return next(new Error('UNAUTHENTICATED'));
        if (!account.roles.includes(role)) return next(new Error('FORBIDDEN'));
        socket.data = dataOf(account.id);
        next();
      })
      .catch(() => next(new Error('INTERNAL')));
  });
}
