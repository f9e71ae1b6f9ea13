import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ScopeRepository } from '../../api/src/access/scope.repository.js';
import { connectCollecting, http, newWorker, nextPhone, signIn, waitFor } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

/** The fields of GET /api/markets: the protocol's, then Part 2's additions. */
const MARKET_KEYS = [
  'id',
  'name',
  'nameEn',
  'kind',
  'operator',
  'regionCode',
  'location',
  'address',
  'hours',
  'hotline',
  'complaintChannel',
  'reachKm',
  'services',
  'amenities',
  'operatorName',
  'contractStart',
  'contractEnd',
  'guide',
  'active',
].sort();

const GUIDE = [
  {
    service: '零工求职登记',
    steps: ['到服务窗口取号', '出示身份证登记', '领取候工号'],
    materials: ['居民身份证'],
    timeLimitDays: 0,
    fee: 0,
  },
];

function doorstepMarket(overrides: Record<string, unknown> = {}) {
  return {
    name: '城关区靖远路街道家门口就业服务点',
    nameEn: 'Jingyuan Road Doorstep Employment Point',
    kind: 'doorstep',
    operator: 'contracted',
    operatorName: '甘肃某人力资源服务有限公司',
    contractStart: '2026-01-01',
    contractEnd: '2027-12-31',
    regionCode: '620102',
    location: { lat: 36.071, lng: 103.86 },
    reachKm: 3,
    address: '兰州市城关区靖远路街道社区服务中心一楼',
    hours: '08:30-17:30',
    hotline: '0931-8123456',
    complaintChannel: '0931-8123457 / 社区服务中心意见箱',
    services: ['岗位信息发布', '求职登记'],
    amenities: [{ kind: 'water', name: '饮用水', nameEn: 'Drinking water' }],
    guide: GUIDE,
    ...overrides,
  };
}

const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

describe.each(BACKENDS)('people and markets on %s', (backend) => {
  let app: TestApp;
  let admin: { token: string; accountId: string };
  const adminPhone = nextPhone();

  beforeAll(async () => {
    // The admin holds Lanzhou (620100): Chengguan (620102) is inside, Tianshui (620502) is not.
    app = await startTestApp(backend, { ADMIN_PHONES: adminPhone, ADMIN_REGION: '620100' });
    admin = await signIn(app, adminPhone);
  });
  afterAll(() => app?.stop());

  test('an admin adds staff to a market of the region, and is refused outside it', async () => {
    const phone = nextPhone();
    const added = await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone, role: 'staff', marketIds: ['lz-chengguan'] },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ accountId: expect.any(String), role: 'staff', marketIds: ['lz-chengguan'] });

    const staff = await signIn(app, phone);
    expect(staff.accountId).toBe(added.body.accountId);
    const me = await http(app, 'GET', '/api/auth/me', { token: staff.token });
    expect(me.body.roles).toEqual(['staff']);
    expect(me.body.scopes).toEqual([{ role: 'staff', marketId: 'lz-chengguan' }]);

    const outside = await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone: nextPhone(), role: 'staff', marketIds: ['lz-chengguan', 'ts-qinzhou'] },
    });
    expect(outside.status).toBe(403);
    expect(
      (
        await http(app, 'POST', '/api/admin/people', {
          token: admin.token,
          body: { phone: nextPhone(), role: 'admin', regionCode: '620500' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await http(app, 'POST', '/api/admin/people', {
          token: admin.token,
          body: { phone: nextPhone(), role: 'officer', regionCode: '620000' },
        })
      ).status,
    ).toBe(403);
    const county = await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone: nextPhone(), role: 'officer', regionCode: '620102' },
    });
    expect(county.status).toBe(201);
    expect(county.body).toEqual({ accountId: expect.any(String), role: 'officer', regionCode: '620102' });

    const people = await http(app, 'GET', '/api/admin/people', { token: admin.token });
    expect(people.status).toBe(200);
    expect(people.body).toContainEqual({ accountId: staff.accountId, phone, name: null, role: 'staff', marketIds: ['lz-chengguan'] });
    expect(people.body).toContainEqual(
      expect.objectContaining({ accountId: county.body.accountId, role: 'officer', regionCode: '620102' }),
    );
    const oneCounty = await http(app, 'GET', '/api/admin/people?regionCode=620103', { token: admin.token });
    expect(oneCounty.body.some((p: { accountId: string }) => p.accountId === staff.accountId)).toBe(false);
    expect((await http(app, 'GET', '/api/admin/people?regionCode=620500', { token: admin.token })).status).toBe(403);
    // Staff and officers are not admins: they see no one.
    expect((await http(app, 'GET', '/api/admin/people', { token: staff.token })).status).toBe(403);
  });

  test('bad bodies are refused with the fields named', async () => {
    const cases: Array<[unknown, string]> = [
      [{ phone: nextPhone(), role: 'staff' }, 'marketIds'],
      [{ phone: nextPhone(), role: 'staff', marketIds: [] }, 'marketIds'],
      [{ phone: nextPhone(), role: 'admin' }, 'regionCode'],
      [{ phone: nextPhone(), role: 'staff', marketIds: ['no-such-market'] }, 'marketIds.0'],
      [{ phone: nextPhone(), role: 'admin', regionCode: '629999' }, 'regionCode'],
      [{ phone: '12345', role: 'officer', regionCode: '620100' }, 'phone'],
      [{ phone: nextPhone(), role: 'boss', regionCode: '620100' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const res = await http(app, 'POST', '/api/admin/people', { token: admin.token, body });
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      expect(fields(res.body)).toContain(field);
    }
    const market = await http(app, 'POST', '/api/markets', {
      token: admin.token,
      body: doorstepMarket({ hotline: '请致电', complaintChannel: '' }),
    });
    expect(market.status).toBe(400);
    expect(fields(market.body)).toEqual(expect.arrayContaining(['hotline', 'complaintChannel']));
    const noContract = await http(app, 'POST', '/api/markets', { token: admin.token, body: doorstepMarket({ contractEnd: undefined }) });
    expect(noContract.status).toBe(400);
    expect(fields(noContract.body)).toEqual(['contractEnd']);
    const noRegion = await http(app, 'POST', '/api/markets', { token: admin.token, body: doorstepMarket({ regionCode: '629999' }) });
    expect(fields(noRegion.body)).toEqual(['regionCode']);
    const badGuide = await http(app, 'POST', '/api/markets', {
      token: admin.token,
      body: doorstepMarket({ guide: [{ service: '登记', steps: [] }] }),
    });
    expect(badGuide.status).toBe(400);
    expect(fields(badGuide.body)).toEqual(
      expect.arrayContaining(['guide.0.steps', 'guide.0.materials', 'guide.0.timeLimitDays', 'guide.0.fee']),
    );
  });

  test('removed staff lose access at once, and the role with their last scope', async () => {
    const phone = nextPhone();
    await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone, role: 'staff', marketIds: ['lz-chengguan', 'lz-xigu-station'] },
    });
    const staff = await signIn(app, phone);
    expect((await http(app, 'PATCH', '/api/markets/lz-chengguan', { token: staff.token, body: { hours: '06:00-18:30' } })).status).toBe(
      200,
    );
    expect((await http(app, 'GET', '/api/staff/markets', { token: staff.token })).body.map((m: { id: string }) => m.id).sort()).toEqual([
      'lz-chengguan',
      'lz-xigu-station',
    ]);

    const removed = await http(app, 'DELETE', `/api/admin/people/${staff.accountId}?role=staff`, { token: admin.token });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ accountId: staff.accountId, role: 'staff' });
    expect((await http(app, 'PATCH', '/api/markets/lz-chengguan', { token: staff.token, body: { hours: '06:00-19:00' } })).status).toBe(
      403,
    );
    expect((await http(app, 'GET', '/api/staff/markets', { token: staff.token })).status).toBe(403);
    expect((await http(app, 'GET', '/api/auth/me', { token: staff.token })).body).toMatchObject({ roles: [], scopes: [] });
    expect((await http(app, 'DELETE', `/api/admin/people/${staff.accountId}?role=staff`, { token: admin.token })).status).toBe(404);
    expect((await http(app, 'DELETE', `/api/admin/people/${staff.accountId}`, { token: admin.token })).status).toBe(400);
  });

  test('an admin cannot remove people outside the region; nobody but admins may', async () => {
    // Staff of a Tianshui market, granted the way a Tianshui admin's request would.
    const other = await signIn(app);
    await app.app.get(ScopeRepository).grant(other.accountId, {
      role: 'staff',
      marketId: 'ts-qinzhou',
      regionCode: null,
    });
    expect((await http(app, 'DELETE', `/api/admin/people/${other.accountId}?role=staff`, { token: admin.token })).status).toBe(403);
    expect((await http(app, 'DELETE', `/api/admin/people/${other.accountId}?role=staff`, { token: other.token })).status).toBe(403);
    expect((await http(app, 'DELETE', `/api/admin/people/${other.accountId}?role=staff`)).status).toBe(401);
    expect(
      (await http(app, 'POST', '/api/admin/people', { body: { phone: nextPhone(), role: 'staff', marketIds: ['lz-chengguan'] } })).status,
    ).toBe(401);
  });

  test('an admin creates a doorstep market, its staff keep its public details, boards and the public list follow', async () => {
    const anonymous = await http(app, 'POST', '/api/markets', { body: doorstepMarket() });
    expect(anonymous.status).toBe(401);
    const worker = await newWorker(app);
    expect((await http(app, 'POST', '/api/markets', { token: worker.token, body: doorstepMarket() })).status).toBe(403);
    expect((await http(app, 'POST', '/api/markets', { token: admin.token, body: doorstepMarket({ regionCode: '620502' }) })).status).toBe(
      403,
    );

    const created = await http(app, 'POST', '/api/markets', { token: admin.token, body: doorstepMarket() });
    expect(created.status).toBe(201);
    const market = created.body;
    expect(market).toMatchObject({
      kind: 'doorstep',
      operator: 'contracted',
      operatorName: '甘肃某人力资源服务有限公司',
      contractStart: '2026-01-01',
      contractEnd: '2027-12-31',
      reachKm: 3,
      guide: GUIDE,
      active: true,
      staffOnDuty: 0,
    });

    const list = await http(app, 'GET', '/api/markets');
    const listed = list.body.find((m: { id: string }) => m.id === market.id);
    expect(Object.keys(listed).sort()).toEqual(MARKET_KEYS);
    expect(listed).toEqual({ ...doorstepMarket(), id: market.id, active: true });
    expect(Object.keys(list.body.find((m: { id: string }) => m.id === 'lz-chengguan')).sort()).toEqual(MARKET_KEYS);

    const staffPhone = nextPhone();
    await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone: staffPhone, role: 'staff', marketIds: [market.id] },
    });
    const staff = await signIn(app, staffPhone);
    expect((await http(app, 'GET', `/api/markets/${market.id}`)).body.staffOnDuty).toBe(1);

    const board = await connectCollecting(app, '/board', { marketId: market.id }, ['board:snapshot', 'market:updated']);
    try {
      await waitFor(() => board.received.some((e) => e.event === 'board:snapshot'), 10_000, 'first snapshot');
      const guide = [...GUIDE, { service: '职业指导', steps: ['预约', '面谈'], materials: [], timeLimitDays: 3, fee: 0 }];
      const edit = await http(app, 'PATCH', `/api/markets/${market.id}`, { token: staff.token, body: { hours: '07:30-18:00', guide } });
      expect(edit.status).toBe(200);
      expect(edit.body).toMatchObject({ hours: '07:30-18:00', guide, kind: 'doorstep' });

      const updated = await waitFor(() => board.received.find((e) => e.event === 'market:updated'), 10_000, 'market:updated');
      expect(updated.payload).toEqual({ market: expect.objectContaining({ id: market.id, hours: '07:30-18:00', guide }) });
      expect(updated.payload.seq).toBeUndefined();
      const fresh = await waitFor(
        () => board.received.filter((e) => e.event === 'board:snapshot').find((e) => e.payload.market.hours === '07:30-18:00'),
        10_000,
        'fresh snapshot',
      );
      expect(fresh.at).toBeGreaterThanOrEqual(updated.at);
    } finally {
      board.socket.disconnect();
    }

    for (const body of [
      { kind: 'station' },
      { operator: 'hrss' },
      { regionCode: '620103' },
      { hours: '08:00-17:00', reachKm: 10 },
      { active: false },
    ]) {
      const res = await http(app, 'PATCH', `/api/markets/${market.id}`, { token: staff.token, body });
      expect({ body, status: res.status }).toEqual({ body, status: 403 });
    }
    const chengguanPhone = nextPhone();
    await http(app, 'POST', '/api/admin/people', {
      token: admin.token,
      body: { phone: chengguanPhone, role: 'staff', marketIds: ['lz-chengguan'] },
    });
    const otherStaff = await signIn(app, chengguanPhone);
    expect(
      (await http(app, 'PATCH', `/api/markets/${market.id}`, { token: otherStaff.token, body: { hours: '00:00-23:59' } })).status,
    ).toBe(403);
    expect((await http(app, 'PATCH', `/api/markets/${market.id}`, { body: { hours: '00:00-23:59' } })).status).toBe(401);
    expect((await http(app, 'PATCH', `/api/markets/${market.id}`, { token: staff.token, body: { hotline: '' } })).status).toBe(400);
    expect((await http(app, 'PATCH', `/api/markets/${market.id}`, { token: staff.token, body: {} })).status).toBe(400);

    // The admin may change anything; back to the bureau, the contract period goes.
    const toBureau = await http(app, 'PATCH', `/api/markets/${market.id}`, {
      token: admin.token,
      body: { operator: 'hrss', kind: 'station', reachKm: 5 },
    });
    expect(toBureau.status).toBe(200);
    expect(toBureau.body).toMatchObject({
      operator: 'hrss',
      kind: 'station',
      reachKm: 5,
      contractStart: null,
      contractEnd: null,
      hours: '07:30-18:00',
    });
    const contracted = await http(app, 'PATCH', `/api/markets/${market.id}`, {
      token: admin.token,
      body: { operator: 'contracted', operatorName: null },
    });
    expect(fields(contracted.body)).toEqual(['operatorName']);

    // Hidden: off the public list and detail, still in the admin's own list.
    expect((await http(app, 'PATCH', `/api/markets/${market.id}`, { token: admin.token, body: { active: false } })).status).toBe(200);
    expect((await http(app, 'GET', '/api/markets')).body.some((m: { id: string }) => m.id === market.id)).toBe(false);
    expect((await http(app, 'GET', `/api/markets/${market.id}`)).status).toBe(404);
    const mine = await http(app, 'GET', '/api/staff/markets', { token: admin.token });
    expect(mine.body.find((m: { id: string }) => m.id === market.id)).toMatchObject({ active: false, staffOnDuty: 1 });
    expect(mine.body.some((m: { id: string }) => m.id === 'ts-qinzhou')).toBe(false);
  });
});
