import type { AccountScope as Scope, StaffAccount } from '@linggong/protocol';
import { readJson, writeJson } from './storage.js';

interface StoredSession {
  token: string;
  account: StaffAccount;
  marketId: string | null;
}

const SESSION_KEY = 'lg.console.session';
const stored = readJson<StoredSession>(SESSION_KEY);

/** The signed-in staff member and the market the window works for. */
export const session = $state<{ token: string | null; account: StaffAccount | null; marketId: string | null }>({
  token: stored?.token ?? null,
  account: stored?.account ?? null,
  marketId: stored?.marketId ?? null,
});

function save(): void {
  writeJson(
    SESSION_KEY,
    session.token && session.account ? { token: session.token, account: session.account, marketId: session.marketId } : null,
  );
}

export function signIn(token: string, account: StaffAccount): void {
  session.token = token;
  session.account = { ...account, scopes: account.scopes ?? [] };
  save();
}

export function setAccount(account: StaffAccount): void {
  session.account = { ...account, scopes: account.scopes ?? [] };
  save();
}

/** Tells the server this token is finished (POST /api/auth/logout); a failure changes nothing here. */
function revoke(token: string): void {
  void fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
}

export function chooseMarket(marketId: string): void {
  session.marketId = marketId;
  save();
}

/** `revoke`: the person chose to sign out (not a refused token): the server refuses this token from now on. */
export function signOut(options: { revoke?: boolean } = {}): void {
  if (options.revoke && session.token) revoke(session.token);
  session.token = null;
  session.account = null;
  session.marketId = null;
  save();
}

export function scopes(): Scope[] {
  return session.account?.scopes ?? [];
}

/** Staff, admins and officers can use the console; anyone else is shown why not. */
export function isStaffSide(): boolean {
  return scopes().length > 0;
}

export function isAdmin(): boolean {
  return scopes().some((s) => s.role === 'admin');
}

/** The regions the account is admin of (People lists these). */
export function adminRegions(): string[] {
  return scopes()
    .filter((s) => s.role === 'admin' && s.regionCode)
    .map((s) => s.regionCode as string);
}

/** Officers and admins read the figures, publish months and evaluate markets. */
export function canSeeFigures(): boolean {
  return scopes().some((s) => s.role === 'officer' || s.role === 'admin');
}

/** An officer with no market to serve and nothing to administer starts at the figures. */
export function isOfficerOnly(): boolean {
  const all = scopes();
  return all.length > 0 && all.every((s) => s.role === 'officer');
}

/** The widest region the account reads figures for (officer or admin scope), e.g. 620000. */
export function figuresRegion(): string | null {
  const codes = scopes()
    .filter((s) => (s.role === 'officer' || s.role === 'admin') && s.regionCode)
    .map((s) => s.regionCode as string)
    .sort((a, b) => trailingZeros(b) - trailingZeros(a));
  return codes[0] ?? null;
}

function trailingZeros(code: string): number {
  return code.length - code.replace(/0+$/, '').length;
}
