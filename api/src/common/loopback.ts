import type { Request } from 'express';

/** Whether a request came from this machine: development conveniences answer only those by default. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function fromLoopback(request: Request): boolean {
  return isLoopback(request.socket.remoteAddress);
}

/** Outside production a sign-in code is shown to this machine's requests, and to any host only when enabled. */
export function mayShowDevCode(config: { production: boolean; devCodesAnyHost: boolean }, address: string | undefined): boolean {
  return !config.production && (config.devCodesAnyHost || isLoopback(address));
}

/** The client's address as Express sees it (`trust proxy` decides whether X-Forwarded-For is believed). */
export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? '';
}
