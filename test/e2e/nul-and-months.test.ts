import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect, emitAck, http, newEmployer, newWorker, shiftBody, type TestWorker } from '../support/clients.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const NUL = '\u0000';

describe.each(BACKENDS)('NUL characters and impossible months on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app);
  });
  afterAll(() => app.stop());

  const refusedAt = (res: { status: number; body: any }, field: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  };

  test('a NUL in a stored string is a 400 naming the field, and nothing is written', async () => {
    const before = await app.database.prisma.shift.count();
    refusedAt(await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ title: `a${NUL}b` }) }), 'title');
    expect(await app.database.prisma.shift.count()).toBe(before);
    const { token } = await newWorker(app);
    refusedAt(await http(app, 'POST', '/api/workers/me', { token, body: { name: `王${NUL}`, trades: ['electrician'] } }), 'name');
    refusedAt(await http(app, 'POST', '/api/employers/me', { token: employer.token, body: { name: `x${NUL}` } }), 'name');
  });

  test('a NUL in the path or the query is a 400, not a 500', async () => {
    refusedAt(await http(app, 'GET', '/api/shifts/a%00b'), '(path)');
    refusedAt(await http(app, 'GET', '/api/stats/monthly?regionCode=62%0001'), '(path)');
  });

  test('a NUL in a socket payload is refused in the ack', async () => {
    const socket = await connect(app, '/employer', { token: employer.token });
    try {
      const ack = await emitAck(socket, 'shift:watch', { shiftId: `a${NUL}b` });
      expect(ack).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    } finally {
      socket.disconnect();
    }
  });

  test('months outside 2000–2099 are a 400 naming month', async () => {
    for (const month of ['0000-01', '9999-12', '1999-12']) refusedAt(await http(app, 'GET', `/api/stats/monthly?month=${month}`), 'month');
    expect((await http(app, 'GET', '/api/stats/monthly?month=2000-01')).status).toBe(200);
  });
});
