import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, emitAck, http, LANZHOU, newWorker, nextPhone, type HttpResult } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * HTTP rate limits (finding 5 of issue 19). Addresses are told apart by X-Forwarded-For from the test's
 * loopback "proxy" (TRUST_PROXY=loopback); `devCode` still comes back because the socket is this machine's.
 */
const LIMITED = { RATE_LIMIT_EXEMPT: '', TRUST_PROXY: 'loopback' };

const from = (address: string) => ({ 'X-Forwarded-For': address });

function expectLimited(res: HttpResult) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  expect(typeof res.body.message).toBe('string');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

const askCode = (app: TestApp, phone: string, address: string) =>
  http(app, 'POST', '/api/auth/code', { body: { phone }, headers: from(address) });
const tryCode = (app: TestApp, phone: string, code: string, address: string) =>
  http(app, 'POST', '/api/auth/login', { body: { phone, code }, headers: from(address) });
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe.each(BACKENDS)('sign-in limits on %s', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { ...LIMITED, RATE_CODES_PER_ADDRESS_PER_HOUR: '4', LOGIN_WRONG_TRIES_PER_PHONE: '8' });
  });
  afterAll(() => app.stop());

  test("wrong guesses from another address never lock the owner out, nor does a new code kill the owner's", async () => {
    const phone = nextPhone();
    const sent = await askCode(app, phone, '10.1.0.1');
    expect(sent.status).toBe(200);
    const wrong = wrongFor(sent.body.devCode);
    for (let i = 0; i < 4; i++) expect((await tryCode(app, phone, wrong, '10.1.0.2')).body.code).toBe('CODE_INVALID');
    expect((await tryCode(app, phone, wrong, '10.1.0.2')).body.code).toBe('CODE_LOCKED');
    // The attacker's address is locked for this phone, even with the right code...
    expect((await tryCode(app, phone, sent.body.devCode, '10.1.0.2')).body.code).toBe('CODE_LOCKED');
    // ...and asking for a new code (after the 30 s resend pause) does not cancel the owner's.
    await app.database.prisma.loginCode.updateMany({ where: { phone }, data: { createdAt: new Date(Date.now() - 40_000) } });
    expect((await askCode(app, phone, '10.1.0.3')).status).toBe(200);
    const owner = await tryCode(app, phone, sent.body.devCode, '10.1.0.1');
    expect(owner.status).toBe(200);
    expect(owner.body.account.phone).toBe(phone);
  });

  test('a phone holding its live codes is refused more, with Retry-After, and keeps them usable', async () => {
    const phone = nextPhone();
    const first = await askCode(app, phone, '10.2.0.1');
    expectLimited(await askCode(app, phone, '10.2.0.2'));
    for (let i = 0; i < 2; i++) {
      await app.database.prisma.loginCode.updateMany({ where: { phone }, data: { createdAt: new Date(Date.now() - 40_000) } });
      expect((await askCode(app, phone, `10.2.1.${i}`)).status).toBe(200);
    }
    await app.database.prisma.loginCode.updateMany({ where: { phone }, data: { createdAt: new Date(Date.now() - 40_000) } });
    expectLimited(await askCode(app, phone, '10.2.2.1'));
    expect((await tryCode(app, phone, first.body.devCode, '10.2.0.1')).status).toBe(200);
  });

  test('code requests for many numbers from one address stop at the limit (SMS pumping); others go on', async () => {
    for (let i = 0; i < 4; i++) expect((await askCode(app, nextPhone(), '10.3.0.1')).status).toBe(200);
    const pumped = nextPhone();
    expectLimited(await askCode(app, pumped, '10.3.0.1'));
    expect(await app.database.prisma.loginCode.count({ where: { phone: pumped } })).toBe(0);
    expect((await askCode(app, nextPhone(), '10.3.0.2')).status).toBe(200);
  });

  test('guessing from many addresses is braked, but never for the address that asked for the code', async () => {
    const phone = nextPhone();
    const sent = await askCode(app, phone, '10.4.0.1');
    const wrong = wrongFor(sent.body.devCode);
    for (let a = 0; a < 4; a++) {
      for (let i = 0; i < 2; i++) expect((await tryCode(app, phone, wrong, `10.4.1.${a}`)).body.code).toBe('CODE_INVALID');
    }
    expectLimited(await tryCode(app, phone, sent.body.devCode, '10.4.2.1'));
    expect((await tryCode(app, phone, sent.body.devCode, '10.4.0.1')).status).toBe(200);
  });
});

describe.each(BACKENDS)('request limits on %s', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(backend, { ...LIMITED, RATE_WRITES_PER_MIN: '4', RATE_PER_ADDRESS_PER_MIN: '30' });
  });
  afterAll(() => app.stop());

  test("an account's writes are limited per account, whatever its address; reads and others are not", async () => {
    const worker = await newWorker(app);
    const other = await newWorker(app);
    const write = (token: string, address: string) =>
      http(app, 'POST', '/api/workers/me', { token, body: { name: '限速工人', trades: ['electrician'] }, headers: from(address) });
    // newWorker wrote once already: three more are allowed, the fifth write in the minute is not.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await write(worker.token, `10.5.0.${i}`)).status);
    expect(statuses.every((s) => s < 400)).toBe(true);
    expectLimited(await write(worker.token, '10.5.1.1'));
    expect((await http(app, 'GET', '/api/workers/me', { token: worker.token, headers: from('10.5.1.2') })).status).toBe(200);
    expect((await write(other.token, '10.5.1.3')).status).toBeLessThan(400);
    // Socket events are not HTTP writes: they have their own budget and pass the HTTP limits untouched.
    const socket = await connect(app, '/worker', { token: worker.token });
    expect(await emitAck(socket, 'presence', { status: 'waiting', location: LANZHOU })).toEqual({ ok: true, status: 'waiting' });
    socket.disconnect();
  });

  test('every route is limited per address', async () => {
    const results: HttpResult[] = [];
    for (let i = 0; i < 31; i++) results.push(await http(app, 'GET', '/api/health', { headers: from('10.6.0.1') }));
    expect(results.slice(0, 30).every((r) => r.status !== 429)).toBe(true);
    expectLimited(results[30]);
    expect((await http(app, 'GET', '/api/health', { headers: from('10.6.0.2') })).status).not.toBe(429);
  });
});

describe('limits shared by two instances through Redis', () => {
  const env = {
    ...LIMITED,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `lg-rl-${randomBytes(4).toString('hex')}:`,
    RATE_CODES_PER_ADDRESS_PER_HOUR: '3',
  };
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp('postgres', env), startTestApp('postgres', env)]);
  });
  afterAll(() => Promise.all([a?.stop(), b?.stop()]));

  test('code requests from one address count once across instances', async () => {
    expect((await askCode(a, nextPhone(), '10.7.0.1')).status).toBe(200);
    expect((await askCode(b, nextPhone(), '10.7.0.1')).status).toBe(200);
    expect((await askCode(a, nextPhone(), '10.7.0.1')).status).toBe(200);
    expectLimited(await askCode(b, nextPhone(), '10.7.0.1'));
    expectLimited(await askCode(a, nextPhone(), '10.7.0.1'));
    expect((await askCode(b, nextPhone(), '10.7.0.2')).status).toBe(200);
  });
});
