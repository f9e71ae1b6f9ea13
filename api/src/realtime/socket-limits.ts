import type { IncomingHttpHeaders } from 'node:http';
import type { Namespace, Socket } from 'socket.io';

/** Express's compiled `trust proxy`: is the address at this hop a proxy whose X-Forwarded-For is believed? */
export type TrustProxy = (address: string, hop: number) => boolean;

/** The client's address as Express's `req.ip` would give it: the first untrusted hop of X-Forwarded-For. */
export function clientAddress(remote: string | undefined, headers: IncomingHttpHeaders, trust: TrustProxy): string {
  const forwarded = headers['x-forwarded-for'];
  const chain = [
    remote ?? '',
    ...(typeof forwarded === 'string'
      ? forwarded
          .split(',')
          .map((a) => a.trim())
          .reverse()
      : []),
  ];
  let hop = 0;
  while (hop < chain.length - 1 && trust(chain[hop], hop)) hop += 1;
  return chain[hop];
}

/** How long a handshake that passed the cap may take before its place is given back (it never connected). */
const HANDSHAKE_HOLD_MS = 10_000;

/**
 * At most `cap` sockets per client address in this namespace, refused with `connect_error` RATE_LIMITED before
 * any gateway work (a board socket costs a database snapshot). A place is taken when the handshake starts and
 * given back on disconnect, or after HANDSHAKE_HOLD_MS when a later check refused the socket. Counted per
 * instance; `addressOf` answers undefined for an address that is not limited.
 */
export function capConnections(nsp: Namespace, cap: number, addressOf: (socket: Socket) => string | undefined): void {
  const open = new Map<string, number>();
  const release = (address: string) => {
    const left = (open.get(address) ?? 1) - 1;
    if (left <= 0) open.delete(address);
    else open.set(address, left);
  };
  nsp.use((socket, next) => {
    const address = addressOf(socket);
    if (address === undefined) return next();
    const count = open.get(address) ?? 0;
    if (count >= cap) return next(new Error('RATE_LIMITED'));
    open.set(address, count + 1);
    let released = false;
    const free = () => {
      if (released) return;
      released = true;
      release(address);
    };
    socket.once('disconnect', free);
    setTimeout(() => {
      if (!socket.connected) free();
    }, HANDSHAKE_HOLD_MS).unref();
    next();
  });
}

/**
 * A token bucket per socket for the events its client sends: `perS` a second, bursts of `burst`. O(1) and
 * allocation-free per event, so the accept hot path pays two arithmetic steps.
 */
export class EventBudget {
  private tokens: number;
  private at = Date.now();

  constructor(
    private readonly perS: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perS) / 1000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
