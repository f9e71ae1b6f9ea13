import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import { RetentionJob } from '../../api/src/privacy/retention.job.js';
import { http, newEmployer, north, signIn, type TestWorker } from '../support/clients.js';
import { hireOn } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;
const DAY = 86_400_000;

/** PIPL: a worker's export and deletion; positions kept only as long as docs/privacy.md says. */
describe.each(BACKENDS)('a worker’s own data on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app, '数据导出测试公司');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  test('export holds the profile, hires, offers and cases; nobody else’s export is reachable', async () => {
    const h = await hireOn(app, employer, 'mason');
    sockets.push(h.socket);
    const res = await http(app, 'GET', '/api/workers/me/export', { token: h.worker.token });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: h.worker.id, phone: h.worker.phone });
    expect(res.body.profile).toMatchObject({ id: h.worker.id, trades: ['mason'] });
    expect(res.body.assignments).toEqual([expect.objectContaining({ id: h.assignmentId, shiftId: h.shiftId, status: 'hired' })]);
    expect(res.body.offers).toEqual([expect.objectContaining({ shiftId: h.shiftId, status: 'accepted' })]);
    expect(Array.isArray(res.body.cases) && Array.isArray(res.body.ledgerEntries)).toBe(true);
    expect((await http(app, 'GET', '/api/workers/me/export')).status).toBe(401);
    expect((await http(app, 'GET', '/api/workers/me/export', { token: employer.token })).status).toBe(403);
  });

  test('deletion is refused while an upcoming hire is held; afterwards name and phone are gone, the hire stays under a pseudonym', async () => {
    const h = await hireOn(app, employer, 'plumber');
    sockets.push(h.socket);
    const refused = await http(app, 'DELETE', '/api/workers/me', { token: h.worker.token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('HIRE_UPCOMING');

    // The shift happens: checked in on site, completed.
    await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
    expect((await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, { token: h.worker.token, body: { location: north(0.12) } })).status).toBe(200);
    expect((await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'completed' } })).status).toBe(200);
    const name = (await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).name;

    const deleted = await http(app, 'DELETE', '/api/workers/me', { token: h.worker.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ deleted: true, pseudonym: expect.stringContaining('已注销用户') });
    expect((await http(app, 'GET', '/api/auth/me', { token: h.worker.token })).status).toBe(401);

    const employerView = await http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: employer.token });
    expect(employerView.body.hires[0]).toMatchObject({ assignmentId: h.assignmentId, status: 'completed', name: deleted.body.pseudonym, phone: null });
    const rows = JSON.stringify(await app.database.prisma.account.findUniqueOrThrow({ where: { id: h.worker.id }, include: { worker: true } }));
    expect(rows).not.toContain(h.worker.phone);
    expect(rows).not.toContain(name);
    const hire = await app.database.prisma.assignment.findUniqueOrThrow({ where: { id: h.assignmentId } });
    expect(hire).toMatchObject({ status: 'completed', checkInLat: null, checkInLng: null });
    expect(hire.checkInAt).not.toBeNull();

    // The phone number is free: signing in with it again makes a new, empty account.
    const again = await signIn(app, h.worker.phone);
    expect(again.accountId).not.toBe(h.worker.id);
  });

  test('the retention job erases check-in positions older than the stated days and keeps newer ones', async () => {
    const [old, recent] = [await hireOn(app, employer, 'painter'), await hireOn(app, employer, 'tiler')];
    sockets.push(old.socket, recent.socket);
    for (const h of [old, recent]) {
      await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
      await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, { token: h.worker.token, body: { location: north(0.12) } });
    }
    const days = app.config.retention.checkInLocationDays;
    await app.database.prisma.assignment.update({ where: { id: old.assignmentId }, data: { checkInAt: new Date(Date.now() - (days + 1) * DAY) } });
    const result = await app.app.get(RetentionJob).run();
    expect(result.positions).toBeGreaterThanOrEqual(1);
    const read = (id: string) => app.database.prisma.assignment.findUniqueOrThrow({ where: { id } });
    expect(await read(old.assignmentId)).toMatchObject({ checkInLat: null, checkInLng: null });
    expect((await read(old.assignmentId)).checkInAt).not.toBeNull();
    expect((await read(recent.assignmentId)).checkInLat).not.toBeNull();
  });
});
