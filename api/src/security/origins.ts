import { isLoopback } from '../common/loopback.js';
import type { AppConfig } from '../config/config.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * May a browser page from `origin` call this server (HTTP with CORS, Socket.IO)? Its own origin (the Host it
 * asked for), the configured ALLOWED_ORIGINS, and outside production pages on this machine (Vite's dev
 * servers on localhost). A request without Origin is not from a browser page and is not judged here.
 */
export function originAllowed(
  config: Pick<AppConfig, 'production' | 'allowedOrigins'>,
  origin: string,
  host: string | undefined,
): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host && url.host === host.toLowerCase()) return true;
  if (config.allowedOrigins.includes(url.origin)) return true;
  return !config.production && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Per-address limits do not apply outside production to this machine (the demo simulator's 300 phones, the
 * bench), like the other development conveniences. Behind a proxy, set TRUST_PROXY so that clients' own
 * addresses are counted, not the proxy's.
 */
export function exemptFromLimits(config: Pick<AppConfig, 'production'>, address: string | undefined): boolean {
  return !config.production && isLoopback(address);
}
