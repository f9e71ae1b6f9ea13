import type { Role } from '@linggong/protocol';
import { readJson, writeJson } from './storage.js';

export interface Account {
  id: string;
  phone: string;
  roles: Role[];
}

interface StoredSession {
  token: string;
  account: Account;
}

const SESSION_KEY = 'lg.session';
const stored = readJson<StoredSession>(SESSION_KEY);

export const session = $state<{ token: string | null; account: Account | null }>({
  token: stored?.token ?? null,
  account: stored?.account ?? null,
});

/** Tells the server this token is finished (POST /api/auth/logout); a failure changes nothing here. */
function revoke(token: string): void {
  void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
}
const signOutListeners = new Set<() => void>();

export function signIn(token: string, account: Account): void {
  session.token = token;
  session.account = account;
  writeJson(SESSION_KEY, { token, account });
}

/** `revoke`: the person chose to sign out (not a refused token): the server refuses this token from now on. */
export function signOut(options: { revoke?: boolean } = {}): void {
  if (options.revoke && session.token) revoke(session.token);
  session.token = null;
  session.account = null;
  writeJson(SESSION_KEY, null);
  for (const listener of signOutListeners) listener();
}

/** Lets long-lived connections close themselves when the user signs out. */
export function onSignOut(listener: () => void): () => void {
  signOutListeners.add(listener);
  return () => signOutListeners.delete(listener);
}

export function hasRole(role: Role): boolean {
  return session.account?.roles.includes(role) ?? false;
}

/** A registration added a role on the server; mirror it locally. */
export function addRole(role: Role): void {
  const account = session.account;
  if (!account || !session.token || account.roles.includes(role)) return;
  signIn(session.token, { ...account, roles: [...account.roles, role] });
}

/** Where a signed-in person lands when nothing more specific was asked for. */
export function homePath(): string {
  if (!session.token) return '/login';
  const roles = session.account?.roles ?? [];
  const worker = roles.includes('worker');
  const employer = roles.includes('employer');
  if (worker && !employer) return '/worker';
  if (employer && !worker) return '/employer';
  return '/start';
}
