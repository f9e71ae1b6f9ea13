import { nextPhone, north, shiftBody } from '../support/clients.js';
import { MARKET, type Role, type World } from '../support/world.js';

/**
 * Who may call what: the one table of the authorisation matrix (test/e2e/authz-matrix.test.ts). Every route
 * of the live router and every client event of the live gateways must have a rule here; a new one without
 * a rule fails the matrix. `allow` lists the roles that get through; every other role must be refused with
 * 401, 403 or 404 in the protocol's error shape. Allowed calls answer 2xx, or one of `ok` (a conflict of
 * state such as "already taken" also shows the caller was let in).
 */
export interface Rule {
  allow: readonly Role[];
  /** Path parameter → key of World.ids (default: the `:id` of the route's resource, see ID_OF). */
  params?: Record<string, string>;
  query?: string;
  body?: (w: World, role: Role) => unknown;
  ok?: number[];
  /** Allowed calls use a fresh token of the same account (the call spends the token). */
  fresh?: boolean;
  /** Runs after the others, in phase order (the call changes who the caller is). */
  phase?: number;
}

export const EVERYONE: readonly Role[] = [
  'anonymous',
  'worker',
  'otherWorker',
  'employer',
  'otherEmployer',
  'staff',
  'staffElsewhere',
  'admin',
  'adminNarrow',
  'officer',
  'feed',
];
export const SIGNED_IN = EVERYONE.filter((r) => r !== 'anonymous' && r !== 'feed');
const WORKERS: Role[] = ['worker', 'otherWorker'];
const EMPLOYERS: Role[] = ['employer', 'otherEmployer'];
/** Staff of the market, admin of a region covering it, officer of a region covering it. */
const SERVE: Role[] = ['staff', 'admin'];
const OVERSEE: Role[] = ['staff', 'admin', 'officer'];

const at = (ms: number) => new Date(Date.now() + ms).toISOString();
let unique = 0;
const next = () => `${process.pid}-${++unique}`;
const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

export const HTTP_RULES: Record<string, Rule> = {
  // OpenAPI (Swagger UI and the document): public reading.
  'GET /api/docs/swagger-ui-init.js': { allow: EVERYONE },
  'GET /api/docs/docs/swagger-ui-init.js': { allow: EVERYONE, ok: [404] },
  'GET /api/docs': { allow: EVERYONE },
  'GET /api/docs/index.html': { allow: EVERYONE },
  'GET /api/docs/LICENSE': { allow: EVERYONE, ok: [404] },
  'GET /api/docs/': { allow: EVERYONE },
  'GET /api/docs.json': { allow: EVERYONE },
  'GET /api/docs-yaml': { allow: EVERYONE },

  'GET /api/health': { allow: EVERYONE },
  'POST /api/auth/code': { allow: EVERYONE, body: () => ({ phone: nextPhone() }) },
  'POST /api/auth/login': { allow: EVERYONE, body: () => ({ phone: nextPhone(), code: '000000' }), ok: [400] },
  'POST /api/auth/logout': { allow: SIGNED_IN, fresh: true },
  'POST /api/auth/logout-all': { allow: SIGNED_IN, fresh: true, phase: 9 },
  'GET /api/auth/me': { allow: SIGNED_IN },

  'POST /api/workers/me': { allow: SIGNED_IN, phase: 2, body: () => ({ name: '新来的', trades: ['electrician'] }) },
  'GET /api/workers/me': { allow: WORKERS },
  'PUT /api/workers/me/presence': { allow: WORKERS, body: () => ({ status: 'busy' }) },
  'GET /api/workers/me/offers': { allow: WORKERS },
  'POST /api/employers/me': { allow: SIGNED_IN, phase: 2, body: () => ({ name: '新公司' }) },
  'GET /api/employers/me': { allow: EMPLOYERS },
  'GET /api/trades': { allow: EVERYONE },
  'GET /api/industries': { allow: EVERYONE },
  'GET /api/regions': { allow: EVERYONE },

  'POST /api/shifts': {
    allow: EMPLOYERS,
    body: () => shiftBody({ marketId: MARKET, trade: 'plumber', startsAt: at(50 * 3600_000), endsAt: at(56 * 3600_000) }),
  },
  'GET /api/shifts': { allow: EVERYONE },
  'GET /api/shifts/:id': { allow: EVERYONE },
  'POST /api/shifts/:id/cancel': { allow: ['employer'], params: { id: 'cancelShift' } },
  'POST /api/offers/:id/accept': { allow: ['worker'], params: { id: 'offer' }, ok: [409] },
  'POST /api/offers/:id/decline': { allow: ['worker'], params: { id: 'offer' }, ok: [409] },
  'GET /api/stats/monthly': { allow: EVERYONE, query: 'month=2026-12&regionCode=620000' },

  'GET /api/workers/me/assignments': { allow: WORKERS },
  'POST /api/assignments/:id/check-in': { allow: ['worker'], body: () => ({ location: north(0.1) }), ok: [409] },
  'POST /api/assignments/:id/check-out': { allow: ['worker'], body: () => ({ location: north(0.1) }), ok: [409] },
  'POST /api/assignments/:id/cancel': { allow: ['worker'], phase: 1, body: () => ({ reason: '家里有事' }), ok: [409] },
  'POST /api/assignments/:id/attendance': { allow: ['employer'], body: () => ({ status: 'completed' }), ok: [409] },
  'POST /api/assignments/:id/rating': { allow: ['worker', 'employer'], body: () => ({ stars: 5 }), ok: [409] },
  'POST /api/assignments/:id/paid': { allow: ['worker'], body: () => ({ paid: true }), ok: [409] },
  'POST /api/assignments/:id/dispute': { allow: ['worker', 'employer'], body: () => ({ description: '工钱不对' }), ok: [409] },

  'GET /api/markets': { allow: EVERYONE },
  'POST /api/markets': {
    allow: ['admin'],
    body: () => ({
      id: `m-${next()}`,
      name: '新市场',
      nameEn: 'New market',
      kind: 'doorstep',
      operator: 'hrss',
      regionCode: '620102',
      location: north(1),
      address: '兰州市城关区',
      hours: '8:00-12:00',
      hotline: '0931-1234567',
      complaintChannel: '12333',
    }),
  },
  'GET /api/markets/:id': { allow: EVERYONE },
  'PATCH /api/markets/:id': { allow: SERVE, body: () => ({ hours: '6:00-12:00' }) },
  'GET /api/staff/markets': { allow: ['staff', 'staffElsewhere', 'admin', 'adminNarrow', 'officer'] },

  'POST /api/admin/people': { allow: ['admin'], body: () => ({ phone: nextPhone(), role: 'staff', marketIds: [MARKET] }) },
  'GET /api/admin/people': { allow: ['admin', 'adminNarrow'] },
  'DELETE /api/admin/people/:accountId': { allow: ['admin'], params: { accountId: 'person' }, query: 'role=staff', phase: 1 },

  'POST /api/staff/walk-ins': { allow: SERVE, body: () => ({ marketId: MARKET, name: '又一位', trades: ['mover'] }) },
  'GET /api/staff/walk-ins': { allow: SERVE, query: `marketId=${MARKET}` },
  'PUT /api/staff/walk-ins/:workerId/presence': { allow: SERVE, params: { workerId: 'walkIn' }, body: () => ({ status: 'waiting' }) },
  'POST /api/staff/walk-ins/:workerId/priority': {
    allow: SERVE,
    params: { workerId: 'walkIn' },
    body: () => ({ priority: 'older', marketId: MARKET }),
  },
  'GET /api/staff/offers': { allow: SERVE, query: `marketId=${MARKET}` },
  'POST /api/staff/shifts': {
    allow: SERVE,
    body: () => ({
      ...shiftBody({ marketId: MARKET, trade: 'plumber', startsAt: at(60 * 3600_000), endsAt: at(66 * 3600_000) }),
      employer: { name: '来窗口的老板' },
    }),
  },

  'GET /api/cases/kinds': { allow: EVERYONE },
  'POST /api/cases': {
    allow: ['worker', 'employer', 'staff', 'admin'],
    body: (w) => ({ kind: 'dispute', marketId: MARKET, description: '关于这次用工', assignmentId: w.ids.assignment }),
  },
  'GET /api/cases': { allow: OVERSEE, query: `marketId=${MARKET}` },
  'GET /api/cases/:id': { allow: ['worker', 'employer', 'staff', 'admin', 'officer'] },
  'POST /api/cases/:id/take': { allow: SERVE, ok: [409] },
  'POST /api/cases/:id/handover': {
    allow: ['staff'],
    params: { id: 'caseOwned' },
    body: (w) => ({ toAccountId: w.ids.colleague, reason: '交班' }),
  },
  'POST /api/cases/:id/close': { allow: ['staff'], params: { id: 'caseToClose' }, body: () => ({ outcome: '已办结' }), phase: 1 },
  // Notes: anyone serving the market; an outcome: the owner (staff took ids.case in the take row).
  'POST /api/cases/:id/notes': { allow: SERVE, params: { id: 'caseToClose' }, body: () => ({ note: '已电话联系' }) },
  'POST /api/cases/:id/outcome': { allow: ['staff'], body: () => ({ type: 'wage_paid' }) },

  'GET /api/markets/:id/ledger': { allow: OVERSEE },
  'GET /api/markets/:id/ledger/verify': { allow: OVERSEE },
  'GET /api/markets/:id/ledger/summary': { allow: OVERSEE },
  'POST /api/stats/monthly/publish': { allow: ['admin', 'officer'], body: () => ({ month: lastMonth(), regionCode: '620100' }) },
  'GET /api/stats/monthly/print': { allow: EVERYONE, query: `month=${lastMonth()}&regionCode=620100` },
  'GET /api/stats/monthly/latest': { allow: EVERYONE, query: 'regionCode=620100' },
  'GET /api/stats/daily': { allow: EVERYONE, query: 'date=2026-12-01&regionCode=620100' },
  'GET /api/stats/trends': { allow: EVERYONE, query: 'month=2026-12&regionCode=620100' },
  'GET /api/stats/markets': { allow: EVERYONE, query: 'month=2026-12&regionCode=620100' },
  'GET /api/regions/:code': { allow: EVERYONE, params: { code: 'region' } },
  'GET /api/regions/:code/boundary': { allow: EVERYONE, params: { code: 'region' } },
  // Evaluation and coverage: officers and admins of a region covering Lanzhou (620500's admin is refused).
  'GET /api/evaluation/thresholds': { allow: ['admin', 'officer'], query: 'regionCode=620100' },
  'PUT /api/evaluation/thresholds': {
    allow: ['admin', 'officer'],
    body: () => ({ regionCode: '620100', thresholds: { fillRate: { pass: 0.8, fail: 0.5 } } }),
  },
  'POST /api/evaluation/runs': { allow: ['admin', 'officer'], body: () => ({ regionCode: '620100', period: lastMonth() }) },
  'GET /api/evaluation': { allow: ['admin', 'officer'], query: 'regionCode=620100' },
  'GET /api/markets/:id/evaluations': { allow: OVERSEE },
  'GET /api/coverage': { allow: ['admin', 'officer'], query: 'regionCode=620100' },

  'POST /api/admin/feed-keys': { allow: ['admin'], body: () => ({ name: '市平台', regionCode: '620100' }) },
  'GET /api/admin/feed-keys': { allow: ['admin', 'adminNarrow'] },
  'DELETE /api/admin/feed-keys/:id': { allow: ['admin'], params: { id: 'spareFeedKey' }, phase: 1 },
  'GET /api/feed/shifts': { allow: ['feed'] },
  'GET /api/feed/figures': { allow: ['feed'] },
  'POST /api/feed/import/shifts': {
    allow: ['feed'],
    body: () => ({
      ...shiftBody({ marketId: MARKET, trade: 'plumber', startsAt: at(70 * 3600_000), endsAt: at(76 * 3600_000) }),
      source: 'lanzhou-app',
      externalId: `ext-${next()}`,
    }),
  },

  'POST /api/markets/:id/guidance-slots': {
    allow: SERVE,
    body: () => ({ startsAt: at(4 * 86400_000), endsAt: at(4 * 86400_000 + 1800_000), counsellor: '李老师' }),
  },
  'GET /api/markets/:id/guidance-slots': { allow: EVERYONE },
  'GET /api/markets/:id/guidance-bookings': { allow: OVERSEE },
  'POST /api/guidance-slots/:id/bookings': {
    allow: ['worker', 'otherWorker', 'staff', 'admin'],
    params: { id: 'slot' },
    body: (w, role) => (role === 'staff' || role === 'admin' ? { workerId: w.ids.walkIn } : {}),
    ok: [409],
  },
  'POST /api/guidance-bookings/:id/outcome': { allow: SERVE, params: { id: 'booking' }, body: () => ({ attended: true }), ok: [409] },
  'GET /api/workers/me/guidance': { allow: WORKERS },
  'POST /api/markets/:id/lendables': { allow: SERVE, body: () => ({ kind: 'locker', name: `柜 ${next()}`, deposit: 0 }) },
  'GET /api/markets/:id/lendables': { allow: OVERSEE },
  'POST /api/lendables/:id/loans': {
    allow: SERVE,
    params: { id: 'lendable' },
    body: (w) => ({ workerId: w.ids.walkIn, dueAt: at(86400_000) }),
    ok: [409],
  },
  'POST /api/loans/:id/return': { allow: SERVE, params: { id: 'loan' }, body: () => ({ depositRefunded: true }), ok: [409] },
  'GET /api/markets/:id/loans': { allow: OVERSEE },
  'GET /api/workers/me/loans': { allow: WORKERS },

  'POST /api/trainings': {
    allow: SERVE,
    body: () => ({
      title: '焊工培训',
      provider: '兰州职业技能培训中心',
      trades: ['welder'],
      regionCode: '620102',
      marketId: MARKET,
      address: '兰州市城关区',
      startsAt: at(5 * 86400_000),
      endsAt: at(5 * 86400_000 + 3600_000),
      fee: 0,
      seats: 10,
    }),
  },
  'GET /api/trainings': { allow: EVERYONE },
  'GET /api/trainings/mine': { allow: WORKERS },
  'GET /api/trainings/managed': { allow: ['staff', 'staffElsewhere', 'admin', 'adminNarrow'] },
  'GET /api/trainings/:id': { allow: EVERYONE },
  'POST /api/trainings/:id/signups': { allow: WORKERS, ok: [409] },
  'GET /api/trainings/:id/signups': { allow: SERVE },
  'POST /api/trainings/:id/signups/:workerId': {
    allow: SERVE,
    params: { id: 'training', workerId: 'worker' },
    body: () => ({ status: 'attended' }),
    ok: [409],
  },
  'GET /api/workers/me/trainings': { allow: WORKERS },
  'POST /api/training-demand': { allow: WORKERS, body: () => ({ trades: ['welder'] }) },
  'GET /api/training-demand/summary': { allow: ['staff', 'staffElsewhere', 'admin', 'adminNarrow', 'officer'] },
  'GET /api/workers/me/export': { allow: WORKERS },
  // Last of all: the account is gone afterwards (a hire still upcoming keeps it: 409).
  'DELETE /api/workers/me': { allow: WORKERS, phase: 10, fresh: true, ok: [409] },

  // Development only, and only from this machine (the tests run on loopback outside production).
  'POST /api/dev/sms/reply': { allow: EVERYONE, body: () => ({ phone: nextPhone(), text: '1' }), ok: [404] },
  'GET /api/dev/sms/outbox': { allow: EVERYONE },
};

/** The resource a route's `:id` names, by the route's first segment after /api. */
export const ID_OF: Record<string, string> = {
  shifts: 'shift',
  offers: 'offer',
  assignments: 'assignment',
  markets: 'market',
  cases: 'case',
  trainings: 'training',
  'guidance-slots': 'slot',
  'guidance-bookings': 'booking',
  lendables: 'lendable',
  loans: 'loan',
};

export interface EventRule {
  /** Who may connect to the namespace. */
  connect: readonly Role[];
  /** Per client event: who is let in (`{ ok: true }`, or a conflict of state), and the payload. */
  events: Record<string, { allow: readonly Role[]; payload: (w: World) => unknown }>;
}

export const SOCKET_RULES: Record<string, EventRule> = {
  '/worker': {
    connect: WORKERS,
    events: {
      presence: { allow: WORKERS, payload: () => ({ status: 'busy' }) },
      'offer:accept': { allow: ['worker'], payload: (w) => ({ offerId: w.ids.offer }) },
      'offer:decline': { allow: ['worker'], payload: (w) => ({ offerId: w.ids.offer }) },
    },
  },
  '/board': {
    connect: EVERYONE,
    events: { 'board:resync': { allow: EVERYONE, payload: () => ({}) } },
  },
  '/employer': {
    connect: EMPLOYERS,
    events: { 'shift:watch': { allow: ['employer'], payload: (w) => ({ shiftId: w.ids.shift }) } },
  },
  '/staff': { connect: ['staff', 'staffElsewhere', 'admin', 'adminNarrow'], events: {} },
};
