import type { Socket } from 'socket.io-client';
import { http, newEmployer, newWorker, north, shiftBody, signIn, waitFor, type HttpResult } from './clients.js';
import { hireOn, personWith } from './people.js';
import { TokenService } from '../../api/src/auth/tokens.js';
import type { TestApp } from './test-app.js';

/** The market every fixture lives in (Chengguan, Lanzhou, region 620102) and one far from it (Tianshui). */
export const MARKET = 'lz-chengguan';
export const OTHER_MARKET = 'ts-qinzhou';

/** Every role and scope the security tests try, each as one real signed-in account (or none, or a feed key). */
export const ROLES = [
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
] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  token?: string;
  apiKey?: string;
  id?: string;
  phone?: string;
}

/** Real fixtures built through the API: a hire, offers, a case, a walk-in, a training, a slot, a loan. */
export interface World {
  callers: Record<Role, Caller>;
  ids: Record<string, string>;
  sockets: Socket[];
  /** A fresh token for the same account (for routes that spend the token: sign-out), signed as login does. */
  freshToken(role: Role): Promise<string | undefined>;
}

function must<T = any>(res: HttpResult<T>, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString();

export async function buildWorld(app: TestApp): Promise<World> {
  const employer = await newEmployer(app, '矩阵测试建筑公司');
  const otherEmployer = await newEmployer(app, '别家劳务公司');
  const hire = await hireOn(app, employer, 'electrician', { marketId: MARKET });
  const staff = await personWith(app, { role: 'staff', marketId: MARKET });
  const callers: Record<Role, Caller> = {
    anonymous: {},
    worker: hire.worker,
    otherWorker: await newWorker(app, { trades: ['mover'] }),
    employer,
    otherEmployer,
    staff,
    staffElsewhere: await personWith(app, { role: 'staff', marketId: OTHER_MARKET }),
    admin: await personWith(app, { role: 'admin', regionCode: '620000' }),
    adminNarrow: await personWith(app, { role: 'admin', regionCode: '620500' }),
    officer: await personWith(app, { role: 'officer', regionCode: '620000' }),
    feed: {},
  };
  const ids: Record<string, string> = {
    shift: hire.shiftId,
    assignment: hire.assignmentId,
    market: MARKET,
    worker: hire.worker.id,
    region: '620100',
  };
  const key = must(
    await http(app, 'POST', '/api/admin/feed-keys', {
      token: callers.admin.token,
      body: { name: '省平台', regionCode: '620000', canImport: true },
    }),
    201,
    'feed key',
  );
  callers.feed = { apiKey: key.key };
  ids.feedKey = key.id;
  const spareKey = must(
    await http(app, 'POST', '/api/admin/feed-keys', { token: callers.admin.token, body: { name: '备用', regionCode: '620100' } }),
    201,
    'key',
  );
  ids.spareFeedKey = spareKey.id;

  // An open shift of the employer's with an offer open to the hired worker (a second trade of theirs).
  const open = must(
    await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ marketId: MARKET, location: north(0.1), startsAt: at(30 * 3600_000), endsAt: at(36 * 3600_000) }),
    }),
    201,
    'open shift',
  );
  ids.openShift = open.id;
  const offer = await waitFor(
    () => app.database.prisma.offer.findFirst({ where: { shiftId: open.id, workerId: hire.worker.id } }),
    10_000,
    'offer',
  );
  ids.offer = offer!.id;

  const walkIn = must(
    await http(app, 'POST', '/api/staff/walk-ins', {
      token: staff.token,
      body: { marketId: MARKET, name: '走进来的人', trades: ['cleaner'], birthYear: 1965 },
    }),
    201,
    'walk-in',
  );
  ids.walkIn = walkIn.workerId;
  const kase = must(
    await http(app, 'POST', '/api/cases', {
      token: hire.worker.token,
      body: { kind: 'wage_arrears', marketId: MARKET, description: '欠薪', assignmentId: hire.assignmentId },
    }),
    201,
    'case',
  );
  ids.case = kase.id;
  const colleague = await personWith(app, { role: 'staff', marketId: MARKET });
  ids.colleague = colleague.id;
  for (const name of ['caseOwned', 'caseToClose']) {
    const taken = await http(app, 'POST', '/api/cases', {
      token: staff.token,
      body: { kind: 'consultation', marketId: MARKET, description: '窗口咨询' },
    });
    ids[name] = must(taken, 201, name).id;
  }
  const toCancel = await http(app, 'POST', '/api/shifts', {
    token: employer.token,
    body: shiftBody({ marketId: MARKET, trade: 'carpenter', startsAt: at(40 * 3600_000), endsAt: at(44 * 3600_000) }),
  });
  ids.cancelShift = must(toCancel, 201, 'shift to cancel').id;
  const training = must(
    await http(app, 'POST', '/api/trainings', {
      token: staff.token,
      body: {
        title: '电工上岗培训',
        provider: '兰州职业技能培训中心',
        trades: ['electrician'],
        regionCode: '620102',
        marketId: MARKET,
        address: '兰州市城关区',
        startsAt: at(3 * 86400_000),
        endsAt: at(3 * 86400_000 + 4 * 3600_000),
        fee: 0,
        seats: 50,
      },
    }),
    201,
    'training',
  );
  ids.training = training.id;
  const slot = must(
    await http(app, 'POST', `/api/markets/${MARKET}/guidance-slots`, {
      token: staff.token,
      body: { startsAt: at(2 * 86400_000), endsAt: at(2 * 86400_000 + 1800_000), counsellor: '王老师', capacity: 20 },
    }),
    201,
    'slot',
  );
  ids.slot = slot.id;
  const booking = must(
    await http(app, 'POST', `/api/guidance-slots/${slot.id}/bookings`, { token: hire.worker.token, body: {} }),
    201,
    'booking',
  );
  ids.booking = booking.id;
  const lendable = must(
    await http(app, 'POST', `/api/markets/${MARKET}/lendables`, { token: staff.token, body: { kind: 'tool', name: '电锤', deposit: 50 } }),
    201,
    'lendable',
  );
  ids.lendable = lendable.id;
  const loan = must(
    await http(app, 'POST', `/api/lendables/${lendable.id}/loans`, {
      token: staff.token,
      body: { workerId: hire.worker.id, dueAt: at(86400_000) },
    }),
    201,
    'loan',
  );
  ids.loan = loan.id;
  const person = must(
    await http(app, 'POST', '/api/admin/people', {
      token: callers.admin.token,
      body: { phone: (await signIn(app)).phone, role: 'staff', marketIds: [MARKET] },
    }),
    201,
    'person',
  );
  ids.person = person.accountId;

  return {
    callers,
    ids,
    sockets: [hire.socket],
    freshToken: async (role) => {
      const id = callers[role].id;
      if (!id) return undefined;
      const { tokenGeneration } = await app.database.prisma.account.findUniqueOrThrow({ where: { id }, select: { tokenGeneration: true } });
      return app.app.get(TokenService).sign(id, { generation: tokenGeneration });
    },
  };
}

/** The headers a caller sends: a bearer token, or the feed key. */
export function headersOf(caller: Caller): { token?: string; headers?: Record<string, string> } {
  return caller.apiKey ? { headers: { 'x-api-key': caller.apiKey } } : { token: caller.token };
}

/** The protocol's error body: `{ code, message, details? }` with an UPPER_SNAKE code. */
export function errorShapeProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return `not a JSON object: ${JSON.stringify(body)?.slice(0, 200)}`;
  const b = body as Record<string, unknown>;
  if (typeof b.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(b.code)) return `no UPPER_SNAKE code: ${JSON.stringify(body).slice(0, 200)}`;
  if (typeof b.message !== 'string' || !b.message) return `no message: ${JSON.stringify(body).slice(0, 200)}`;
  if (b.details !== undefined && !Array.isArray(b.details)) return `details is not an array: ${JSON.stringify(body).slice(0, 200)}`;
  return undefined;
}
