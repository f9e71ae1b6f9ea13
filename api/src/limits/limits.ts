import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AppConfig } from '../config/config.js';

export const LIMITED_AS = 'linggong:limited-as';
const CODE_TTL_S = 5 * 60;

export type LimitGroup = 'code' | 'sign-in';

/** Puts a route under the limits of its group besides the ones every route has. */
export const LimitedAs = (group: LimitGroup) => SetMetadata(LIMITED_AS, group);

export type LimitedRequest = Request & { account?: { id: string } };

/** One limit: `points` requests per `durationS` for each key; a request it does not apply to has no key. */
export interface Limit {
  name: string;
  points: number;
  durationS: number;
  keyOf(request: LimitedRequest, group: LimitGroup | undefined): string | undefined;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const addressOf = (req: LimitedRequest) => req.ip ?? req.socket.remoteAddress ?? '';
const phoneOf = (req: LimitedRequest) => {
  const phone = (req.body as { phone?: unknown } | undefined)?.phone;
  return typeof phone === 'string' ? phone.slice(0, 20) : '';
};

/**
 * The HTTP limits (docs/security.md). Per address: every request; code requests (SMS pumping across many
 * numbers from one place); sign-in attempts whatever the phone; sign-in attempts per (phone, address),
 * atomic where the database's wrong-guess count is not. Per account: writes.
 */
export function limitsOf(limits: AppConfig['limits']): Limit[] {
  return [
    { name: 'address', points: limits.perAddressPerMin, durationS: 60, keyOf: (req) => addressOf(req) },
    {
      name: 'codes',
      points: limits.codesPerAddressPerHour,
      durationS: 3600,
      keyOf: (req, group) => (group === 'code' ? addressOf(req) : undefined),
    },
    {
      name: 'sign-ins',
      points: limits.signInsPerAddressPerHour,
      durationS: 3600,
      keyOf: (req, group) => (group === 'sign-in' ? addressOf(req) : undefined),
    },
    {
      name: 'sign-in-phone',
      points: limits.wrongTriesPerAddress * 2,
      durationS: CODE_TTL_S,
      keyOf: (req, group) => (group === 'sign-in' ? `${phoneOf(req)}|${addressOf(req)}` : undefined),
    },
    {
      name: 'writes',
      points: limits.writesPerMin,
      durationS: 60,
      keyOf: (req) => (req.account && WRITES.has(req.method) ? req.account.id : undefined),
    },
  ];
}
