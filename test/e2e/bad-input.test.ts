import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, emitAck, http, newEmployer, newWorker, nextPhone, shiftBody, signIn, type TestWorker } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

function expectError(res: { status: number; body: any }, status: number, code: string, fields: string[] = []) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(0);
  if (fields.length) expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
}

describe.each(BACKENDS)('bad input and authorisation on %s', (backend) => {
  let app: TestApp;
  let worker: TestWorker;
  let employer: TestWorker;

  beforeAll(async () => {
    app = await startTestApp(backend);
    worker = await newWorker(app);
    employer = await newEmployer(app);
  });
  afterAll(() => app.stop());

  const count = () =>
    Promise.all([
      app.database.prisma.shift.count(),
      app.database.prisma.workerProfile.count(),
      app.database.prisma.employerProfile.count(),
      app.database.prisma.offer.count(),
    ]);

  test('sign-in: only mainland mobile numbers, clear field errors in Chinese or English', async () => {
    for (const phone of ['123', '23800000000', '1380000000a', '138000000001', 13800000000, '']) {
      expectError(await http(app, 'POST', '/api/auth/code', { body: { phone } }), 400, 'VALIDATION_FAILED', ['phone']);
    }
    expectError(await http(app, 'POST', '/api/auth/code', { body: {} }), 400, 'VALIDATION_FAILED', ['phone']);
    expectError(await http(app, 'POST', '/api/auth/code', { raw: '{"phone": ' }), 400, 'VALIDATION_FAILED');
    expectError(await http(app, 'POST', '/api/auth/code', { raw: '[1,2]' }), 400, 'VALIDATION_FAILED');
    const en = await http(app, 'POST', '/api/auth/code', { body: { phone: '1' }, headers: { 'Accept-Language': 'en' } });
    expect(en.body.message).toMatch(/[A-Za-z]/);
    expect(en.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    const zh = await http(app, 'POST', '/api/auth/code', { body: { phone: '1' } });
    expect(zh.body.message).toMatch(/[\u4e00-\u9fff]/);
    expectError(await http(app, 'POST', '/api/auth/login', { body: { phone: '13800000000', code: '12' } }), 400, 'VALIDATION_FAILED', [
      'code',
    ]);
  });

  test('codes: wrong tries lock, expiry, resend rate limit', async () => {
    const phone = nextPhone();
    const sent = await http(app, 'POST', '/api/auth/code', { body: { phone } });
    expect(sent.status).toBe(200);
    expect(sent.body.devCode).toMatch(/^\d{6}$/);
    expectError(await http(app, 'POST', '/api/auth/code', { body: { phone } }), 429, 'RATE_LIMITED');
    const wrong = sent.body.devCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expectError(await http(app, 'POST', '/api/auth/login', { body: { phone, code: wrong } }), 400, 'CODE_INVALID');
    expectError(await http(app, 'POST', '/api/auth/login', { body: { phone, code: wrong } }), 400, 'CODE_LOCKED');
    expectError(await http(app, 'POST', '/api/auth/login', { body: { phone, code: sent.body.devCode } }), 400, 'CODE_LOCKED');
    expect(await app.database.prisma.account.count({ where: { phone } })).toBe(0);

    const other = nextPhone();
    const code = await http(app, 'POST', '/api/auth/code', { body: { phone: other } });
    await app.database.prisma.loginCode.updateMany({ where: { phone: other }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectError(await http(app, 'POST', '/api/auth/login', { body: { phone: other, code: code.body.devCode } }), 400, 'CODE_EXPIRED');
  });

  test('a code works once; a new phone gets an account with no role', async () => {
    const phone = nextPhone();
    const { body } = await http(app, 'POST', '/api/auth/code', { body: { phone } });
    const ok = await http(app, 'POST', '/api/auth/login', { body: { phone, code: body.devCode } });
    expect(ok.status).toBe(200);
    expect(ok.body.account).toEqual({ id: expect.any(String), phone, roles: [], scopes: [] });
    expectError(await http(app, 'POST', '/api/auth/login', { body: { phone, code: body.devCode } }), 400, 'CODE_INVALID');
  });

  test('tokens: missing or forged is 401', async () => {
    expectError(await http(app, 'GET', '/api/workers/me'), 401, 'UNAUTHENTICATED');
    expectError(await http(app, 'GET', '/api/workers/me', { token: 'not-a-token' }), 401, 'UNAUTHENTICATED');
    expectError(await http(app, 'GET', '/api/workers/me', { token: worker.token.slice(0, -3) + 'abc' }), 401, 'UNAUTHENTICATED');
    await expect(connect(app, '/worker', { token: 'forged' })).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(app, '/worker', {})).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(app, '/employer', { token: 'forged' })).rejects.toThrow('UNAUTHENTICATED');
  });

  test('profiles: bad fields are named and nothing is written', async () => {
    const { token } = await signIn(app);
    const before = await count();
    const cases: Array<[unknown, string[]]> = [
      [{ name: '', trades: ['electrician'] }, ['name']],
      [{ name: '李师傅', trades: [] }, ['trades']],
      [{ name: '李师傅', trades: ['astronaut'] }, ['trades.0']],
      [{ name: '李师傅', trades: ['electrician'], priority: 'vip' }, ['priority']],
      [{ name: '李师傅', trades: ['electrician'], birthYear: 1800 }, ['birthYear']],
      [{ name: '李师傅', trades: 'electrician' }, ['trades']],
    ];
    for (const [body, fields] of cases)
      expectError(await http(app, 'POST', '/api/workers/me', { token, body }), 400, 'VALIDATION_FAILED', fields);
    expectError(await http(app, 'POST', '/api/employers/me', { token, body: { name: '' } }), 400, 'VALIDATION_FAILED', ['name']);
    expect(await count()).toEqual(before);
    const me = await http(app, 'GET', '/api/auth/../workers/me', { token });
    expect(me.status).toBe(403);
  });

  test('roles: a worker cannot post, an employer cannot wait or accept', async () => {
    const before = await count();
    expectError(await http(app, 'POST', '/api/shifts', { token: worker.token, body: shiftBody() }), 403, 'FORBIDDEN');
    expectError(await http(app, 'POST', '/api/shifts', { body: shiftBody() }), 401, 'UNAUTHENTICATED');
    expectError(
      await http(app, 'PUT', '/api/workers/me/presence', { token: employer.token, body: { status: 'offline' } }),
      403,
      'FORBIDDEN',
    );
    await expect(connect(app, '/worker', { token: employer.token })).rejects.toThrow('FORBIDDEN');
    await expect(connect(app, '/employer', { token: worker.token })).rejects.toThrow('FORBIDDEN');
    expect(await count()).toEqual(before);
  });

  test('posting a shift: every bad field is a 400 naming it, and nothing is written', async () => {
    const before = await count();
    const now = Date.now();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ headcount: 0 }, 'headcount'],
      [{ headcount: 201 }, 'headcount'],
      [{ headcount: 2.5 }, 'headcount'],
      [{ wage: { amount: -1, unit: 'day' } }, 'wage.amount'],
      [{ wage: { amount: '180', unit: 'day' } }, 'wage.amount'],
      [{ wage: { amount: 180, unit: 'week' } }, 'wage.unit'],
      [{ trade: 'astronaut' }, 'trade'],
      [{ title: '' }, 'title'],
      [{ address: '' }, 'address'],
      [{ location: { lat: 100, lng: 103 } }, 'location.lat'],
      [{ location: { lat: 36 } }, 'location.lng'],
      [{ startsAt: 'tomorrow morning' }, 'startsAt'],
      [{ endsAt: new Date(now + 1800_000).toISOString(), startsAt: new Date(now + 3600_000).toISOString() }, 'endsAt'],
      [{ startsAt: new Date(now - 10 * 3600_000).toISOString(), endsAt: new Date(now - 3600_000).toISOString() }, 'endsAt'],
      [
        { startsAt: new Date(now + 30 * 86400_000).toISOString(), endsAt: new Date(now + 30 * 86400_000 + 3600_000).toISOString() },
        'startsAt',
      ],
      [{ marketId: 'nowhere' }, 'marketId'],
      [{ terms: { physicalDemand: 'extreme' } }, 'terms.physicalDemand'],
      [{ surprise: true }, '(body)'],
    ];
    for (const [patch, field] of cases) {
      const res = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody(patch) });
      expectError(res, 400, 'VALIDATION_FAILED', [field]);
    }
    expectError(
      await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody(), headers: { 'Idempotency-Key': 'x'.repeat(300) } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await count()).toEqual(before);
  });

  test('unknown ids are 404; bad queries are 400', async () => {
    expectError(await http(app, 'GET', '/api/shifts/00000000-0000-0000-0000-000000000000'), 404, 'NOT_FOUND');
    expectError(
      await http(app, 'POST', '/api/shifts/00000000-0000-0000-0000-000000000000/cancel', { token: employer.token }),
      404,
      'NOT_FOUND',
    );
    expectError(await http(app, 'POST', '/api/offers/nope/accept', { token: worker.token }), 404, 'NOT_FOUND');
    expectError(await http(app, 'POST', '/api/offers/nope/decline', { token: worker.token }), 404, 'NOT_FOUND');
    expectError(await http(app, 'GET', '/api/markets/nowhere'), 404, 'NOT_FOUND');
    expectError(await http(app, 'GET', '/api/shifts?status=bogus'), 400, 'VALIDATION_FAILED', ['status']);
    expectError(await http(app, 'GET', '/api/shifts?marketId=nowhere'), 404, 'NOT_FOUND');
    expectError(await http(app, 'GET', '/api/shifts?mine=1'), 401, 'UNAUTHENTICATED');
    expectError(await http(app, 'GET', '/api/stats/monthly?month=2026-13'), 400, 'VALIDATION_FAILED', ['month']);
    expectError(await http(app, 'GET', '/api/stats/monthly?regionCode=abc'), 400, 'VALIDATION_FAILED', ['regionCode']);
    expectError(await http(app, 'GET', '/api/nothing-here'), 404, 'NOT_FOUND');
  });

  test('nobody reads or answers what is not theirs', async () => {
    const other = await newWorker(app);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'mason' }) });
    const offer = await app.database.prisma.offer.create({
      data: {
        shiftId: posted.body.id,
        workerId: worker.id,
        wave: 1,
        distanceKm: 1,
        score: 1,
        reasons: {},
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    expectError(await http(app, 'POST', `/api/offers/${offer.id}/accept`, { token: other.token }), 403, 'FORBIDDEN');
    expectError(await http(app, 'POST', `/api/offers/${offer.id}/decline`, { token: other.token }), 403, 'FORBIDDEN');
    expectError(await http(app, 'POST', `/api/offers/${offer.id}/accept`, { token: employer.token }), 403, 'FORBIDDEN');
    const socket = await connect(app, '/worker', { token: other.token });
    expect(await emitAck(socket, 'offer:accept', { offerId: offer.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emitAck(socket, 'offer:accept', { offerId: 42 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await emitAck(socket, 'presence', { status: 'dancing' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'status' }],
    });
    expect(await emitAck(socket, 'presence', { status: 'waiting' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: [{ field: 'location' }],
    });
    expect(await emitAck(socket, 'presence', null)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    socket.disconnect();
    expect((await app.database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe('open');

    const rival = await newEmployer(app, '竞争对手公司');
    const asRival = await http(app, 'GET', `/api/shifts/${posted.body.id}`, { token: rival.token });
    expect(asRival.status).toBe(200);
    expect(asRival.body.hires).toBeUndefined();
    const asOwner = await http(app, 'GET', `/api/shifts/${posted.body.id}`, { token: employer.token });
    expect(asOwner.body.hires).toEqual([]);
    const rivalList = await http(app, 'GET', '/api/shifts?mine=1', { token: rival.token });
    expect(rivalList.body).toEqual([]);
    const watch = await connect(app, '/employer', { token: rival.token });
    expect(await emitAck(watch, 'shift:watch', { shiftId: posted.body.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    watch.disconnect();
  });
});
