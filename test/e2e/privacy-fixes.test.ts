import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { SignJWT } from 'jose';
import type { Socket } from 'socket.io-client';
import { connect, http, newEmployer, newWorker, north, shiftBody, signIn, type TestWorker } from '../support/clients.js';
import { hireOn, personWith } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const MIN = 60_000;

/** Issue #19 findings 2, 8 and 9: attendance respects check-in, tokens can be signed out, public shifts narrowed. */
describe.each(BACKENDS)('security findings 2, 8, 9 on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app, '隐私测试建筑公司');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  const me = (token: string) => http(app, 'GET', '/api/auth/me', { token });
  /** Moves a phone's earlier codes an hour back: the per-phone resend limits do not apply to the next one. */
  const resendable = (phone: string) =>
    app.database.prisma.loginCode.updateMany({ where: { phone }, data: { createdAt: new Date(Date.now() - 60 * MIN) } });

  describe('tokens (finding 8)', () => {
    test('a token signed with the secret but without an issuer, or with another issuer, is refused', async () => {
      const { accountId, token } = await signIn(app);
      expect((await me(token)).status).toBe(200);
      const key = new TextEncoder().encode(app.config.authSecret);
      const base = () => new SignJWT({ gen: 0 }).setProtectedHeader({ alg: 'HS256' }).setSubject(accountId).setJti(`j-${Date.now()}`).setExpirationTime('1h');
      const noIssuer = await base().sign(key);
      const otherIssuer = await base().setIssuer('someone-else').sign(key);
      expect((await me(noIssuer)).status).toBe(401);
      expect((await me(otherIssuer)).status).toBe(401);
      const socket = connect(app, '/worker', { token: noIssuer });
      await expect(socket).rejects.toBeTruthy();
    });

    test('sign-out refuses that token at once (HTTP and sockets); the account’s other tokens keep working', async () => {
      const phone = `137${String(Date.now()).slice(-8)}`;
      const first = await signIn(app, phone);
      await resendable(phone);
      const second = await signIn(app, phone);
      expect((await me(first.token)).status).toBe(200);
      const out = await http(app, 'POST', '/api/auth/logout', { token: first.token });
      expect(out).toMatchObject({ status: 200, body: { ok: true } });
      expect((await me(first.token)).body.code).toBe('UNAUTHENTICATED');
      await expect(connect(app, '/worker', { token: first.token })).rejects.toBeTruthy();
      expect((await me(second.token)).status).toBe(200);
      expect((await http(app, 'POST', '/api/auth/logout', {})).status).toBe(401);
    });

    test('sign out everywhere refuses every token signed before it; signing in again works', async () => {
      const phone = `136${String(Date.now()).slice(-8)}`;
      const first = await signIn(app, phone);
      await resendable(phone);
      const second = await signIn(app, phone);
      expect((await http(app, 'POST', '/api/auth/logout-all', { token: first.token })).status).toBe(200);
      expect((await me(first.token)).status).toBe(401);
      expect((await me(second.token)).status).toBe(401);
      await resendable(phone);
      const again = await signIn(app, phone);
      expect((await me(again.token)).status).toBe(200);
    });

    test('a phone session lasts 7 days, a staff session 12 hours', async () => {
      const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
      const worker = await signIn(app);
      const hours = (token: string) => (decode(token).exp * 1000 - Date.now()) / 3600_000;
      expect(hours(worker.token)).toBeGreaterThan(7 * 24 - 1);
      expect(hours(worker.token)).toBeLessThanOrEqual(7 * 24);
      const staff = await personWith(app, { role: 'staff', marketId: MARKET });
      await resendable(staff.phone);
      const again = await signIn(app, staff.phone);
      expect(hours(again.token)).toBeLessThanOrEqual(12);
      expect(hours(again.token)).toBeGreaterThan(11);
    });
  });

  describe('attendance and start times (finding 2)', () => {
    test('a worker who checked in on site cannot be marked a no-show; the employer sees on-site, not where', async () => {
      const h = await hireOn(app, employer, 'plumber');
      sockets.push(h.socket);
      await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
      const standing = north(0.15); // 50 m from the site: inside the radius
      const inside = await http(app, 'POST', `/api/assignments/${h.assignmentId}/check-in`, { token: h.worker.token, body: { location: standing } });
      expect(inside.status).toBe(200);
      const noShow = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'no_show' } });
      expect(noShow.status).toBe(409);
      expect(noShow.body.code).toBe('CHECKED_IN_ON_SITE');
      expect((await app.database.prisma.workerProfile.findUniqueOrThrow({ where: { id: h.worker.id } })).noShowCount).toBe(0);
      const done = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'completed' } });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', checkedInOnSite: true, checkIn: { location: null } });
      expect(JSON.stringify(done.body)).not.toContain(String(standing.lat));
    });

    test('a no-show without a check-in is still possible, and a dispute case can reverse it (cases.test.ts covers the whole path)', async () => {
      const h = await hireOn(app, employer, 'carpenter');
      sockets.push(h.socket);
      await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
      const noShow = await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'no_show' } });
      expect(noShow.body).toMatchObject({ status: 'no_show', checkedInOnSite: false, checkIn: null });
    });

    test('a shift starting more than 15 minutes ago is refused, naming startsAt; ten minutes ago is accepted', async () => {
      const now = Date.now();
      const old = await http(app, 'POST', '/api/shifts', {
        token: employer.token,
        body: shiftBody({ trade: 'painter', startsAt: new Date(now - 23 * 3600_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }),
      });
      expect(old.status).toBe(400);
      expect(old.body.details.map((d: { field: string }) => d.field)).toEqual(['startsAt']);
      const recent = await http(app, 'POST', '/api/shifts', {
        token: employer.token,
        body: shiftBody({ trade: 'painter', startsAt: new Date(now - 10 * MIN).toISOString(), endsAt: new Date(now + 3600_000).toISOString() }),
      });
      expect(recent.status).toBe(201);
      await http(app, 'POST', `/api/shifts/${recent.body.id}/cancel`, { token: employer.token });
    });
  });

  describe('public shifts (finding 9)', () => {
    test('anonymous callers and workers see open shifts only, placed to about 100 m; the employer and staff see all', async () => {
      const site = { lat: 36.061234, lng: 103.845678 };
      const open = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler', location: site, marketId: MARKET }) });
      const cancelled = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'tiler', location: site, marketId: MARKET }) });
      await http(app, 'POST', `/api/shifts/${cancelled.body.id}/cancel`, { token: employer.token });
      const worker = await newWorker(app, { trades: ['welder'] });

      for (const token of [undefined, worker.token]) {
        const all = await http(app, 'GET', `/api/shifts?marketId=${MARKET}`, { token });
        expect(all.status).toBe(200);
        expect(all.body.every((s: { status: string }) => s.status === 'open')).toBe(true);
        const mine = all.body.find((s: { id: string }) => s.id === open.body.id);
        expect(mine.location).toEqual({ lat: 36.061, lng: 103.846 });
        expect(all.body.some((s: { id: string }) => s.id === cancelled.body.id)).toBe(false);
        expect((await http(app, 'GET', `/api/shifts?marketId=${MARKET}&status=cancelled`, { token })).body).toEqual([]);
        expect((await http(app, 'GET', `/api/shifts/${open.body.id}`, { token })).body.location).toEqual({ lat: 36.061, lng: 103.846 });
      }
      // The protocol's list by market and status still lists.
      const listed = await http(app, 'GET', `/api/shifts?marketId=${MARKET}&status=open`);
      expect(listed.body.map((s: { id: string }) => s.id)).toContain(open.body.id);

      const own = await http(app, 'GET', '/api/shifts?mine=1&status=cancelled', { token: employer.token });
      expect(own.body.find((s: { id: string }) => s.id === cancelled.body.id).location).toEqual(site);
      const staff = await personWith(app, { role: 'staff', marketId: MARKET });
      const desk = await http(app, 'GET', `/api/shifts?marketId=${MARKET}&status=cancelled`, { token: staff.token });
      expect(desk.body.find((s: { id: string }) => s.id === cancelled.body.id).location).toEqual(site);
      const elsewhere = await personWith(app, { role: 'staff', marketId: 'ts-qinzhou' });
      expect((await http(app, 'GET', `/api/shifts?marketId=${MARKET}&status=cancelled`, { token: elsewhere.token })).body).toEqual([]);
      await http(app, 'POST', `/api/shifts/${open.body.id}/cancel`, { token: employer.token });
    });

    test('a worker holding the hire sees the exact site; the hire’s name and phone go from the employer’s view after a no-show', async () => {
      const h = await hireOn(app, employer, 'welder');
      sockets.push(h.socket);
      const seen = await http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: h.worker.token });
      expect(seen.body.location).toEqual(h.site);
      const before = await http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: employer.token });
      expect(before.body.hires[0]).toMatchObject({ phone: h.worker.phone, name: expect.any(String) });
      await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
      await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'no_show' } });
      const after = await http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: employer.token });
      expect(after.body.hires[0]).toMatchObject({ status: 'no_show', name: null, phone: null });
    });

    test('a completed hire’s contact stays for the set days after the shift ended, then goes', async () => {
      const h = await hireOn(app, employer, 'driver');
      sockets.push(h.socket);
      await app.database.prisma.assignment.update({ where: { id: h.assignmentId }, data: { startsAt: new Date(Date.now() - 10 * MIN) } });
      await http(app, 'POST', `/api/assignments/${h.assignmentId}/attendance`, { token: employer.token, body: { status: 'completed' } });
      const view = () => http(app, 'GET', `/api/shifts/${h.shiftId}`, { token: employer.token });
      expect((await view()).body.hires[0].phone).toBe(h.worker.phone);
      const days = app.config.retention.hireContactDays;
      await app.database.prisma.shift.update({ where: { id: h.shiftId }, data: { endsAt: new Date(Date.now() - (days + 1) * 86_400_000) } });
      expect((await view()).body.hires[0]).toMatchObject({ name: null, phone: null, status: 'completed' });
    });
  });
});
