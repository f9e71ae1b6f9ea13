import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { io } from 'socket.io-client';
import { http, type HttpResult } from '../support/clients.js';
import { liveRoutes, liveSocketEvents } from '../support/live-surface.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, errorShapeProblem, headersOf, MARKET, ROLES, type Role, type World } from '../support/world.js';
import { HTTP_RULES, ID_OF, SOCKET_RULES, type Rule } from './authz-rules.js';

const REFUSED = new Set([401, 403, 404]);
const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * The authorisation matrix: every route of the live router and every client event of the live gateways,
 * called as every role and scope (test/support/world.ts) with real fixtures, against the one table of
 * rules in authz-rules.ts. Sockets first (HTTP sign-outs spend tokens). Refused calls change nothing, so every role that must be refused goes first;
 * then those let in, route by route, in the router's order (rules with a `phase` last).
 */
describe('authorisation matrix: every route and socket event × every role (pglite)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    world = await buildWorld(app);
  }, 120_000);
  afterAll(async () => {
    for (const s of world?.sockets ?? []) s.disconnect();
    await app?.stop();
  });

  test('every live route has a rule, and every rule names a live route', () => {
    const live = liveRoutes(app);
    const missing = live.filter((r) => !HTTP_RULES[r]);
    const stale = Object.keys(HTTP_RULES).filter((r) => !live.includes(r));
    if (missing.length)
      throw new Error(`No authorisation rule for: ${missing.join(', ')}. Add who may call it to HTTP_RULES in test/e2e/authz-rules.ts.`);
    if (stale.length)
      throw new Error(`Rules for routes the app no longer serves: ${stale.join(', ')}. Remove them from test/e2e/authz-rules.ts.`);
    expect(live.length).toBeGreaterThan(90);
  });

  test('every live socket namespace and client event has a rule', () => {
    const live = liveSocketEvents(app);
    const problems: string[] = [];
    for (const [nsp, events] of Object.entries(live)) {
      const rule = SOCKET_RULES[nsp];
      if (!rule) problems.push(`namespace ${nsp}`);
      for (const e of events) if (!rule?.events[e]) problems.push(`${nsp} ${e}`);
    }
    for (const [nsp, rule] of Object.entries(SOCKET_RULES)) {
      if (!live[nsp]) problems.push(`stale namespace ${nsp}`);
      for (const e of Object.keys(rule.events)) if (!live[nsp]?.includes(e)) problems.push(`stale event ${nsp} ${e}`);
    }
    if (problems.length)
      throw new Error(`Socket rules out of step with the gateways: ${problems.join(', ')}. Edit SOCKET_RULES in test/e2e/authz-rules.ts.`);
    expect(Object.keys(live).sort()).toEqual(['/board', '/employer', '/staff', '/worker']);
  });

  function urlOf(route: string, rule: Rule): string {
    const path = route.split(' ')[1];
    const resource = path.split('/')[2];
    const filled = path.replace(/:(\w+)/g, (_, name: string) => {
      const key = rule.params?.[name] ?? (name === 'id' ? ID_OF[resource] : undefined);
      const value = key ? world.ids[key] : undefined;
      if (!value) throw new Error(`${route}: no fixture for :${name}`);
      return value;
    });
    return rule.query ? `${filled}?${rule.query}` : filled;
  }

  async function call(route: string, rule: Rule, role: Role, allowed: boolean): Promise<HttpResult> {
    const method = route.split(' ')[0];
    const caller = world.callers[role];
    const auth = allowed && rule.fresh && caller.token ? { token: await world.freshToken(role) } : headersOf(caller);
    const body = rule.body?.(world, role);
    return http(app, method, urlOf(route, rule), { ...auth, ...(body === undefined ? {} : { body }) });
  }

  test('sockets: each role connects and emits exactly as the rules say', async () => {
    const failures: string[] = [];
    for (const [nsp, rule] of Object.entries(SOCKET_RULES)) {
      for (const role of ROLES) {
        const caller = world.callers[role];
        const auth = nsp === '/board' ? { marketId: MARKET } : caller.token ? { token: caller.token } : {};
        const socket = io(`${app.url}${nsp}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
        const connected = await new Promise<string | true>((resolve) => {
          socket.once('connect', () => resolve(true));
          socket.once('connect_error', (e) => resolve(e.message));
        });
        const mayConnect = rule.connect.includes(role);
        if (connected === true && !mayConnect) failures.push(`${nsp} as ${role}: should be refused, connected`);
        if (connected !== true && mayConnect) failures.push(`${nsp} as ${role}: should connect, got ${connected}`);
        if (connected !== true && !REFUSED_CODES.has(connected)) failures.push(`${nsp} as ${role}: refused with ${connected}`);
        if (connected === true) {
          for (const [event, er] of Object.entries(rule.events)) {
            const ack = (await socket.timeout(5_000).emitWithAck(event, er.payload(world))) as {
              ok: boolean;
              code?: string;
              message?: string;
            };
            const allowed = er.allow.includes(role);
            const refused = !ack.ok && REFUSED_CODES.has(ack.code ?? '');
            if (!ack.ok && errorShapeProblem(ack)) failures.push(`${nsp} ${event} as ${role}: ${errorShapeProblem(ack)}`);
            if (ack.code === 'INTERNAL') failures.push(`${nsp} ${event} as ${role}: INTERNAL`);
            else if (allowed && refused) failures.push(`${nsp} ${event} as ${role}: should be let in, got ${ack.code}`);
            else if (!allowed && !refused)
              failures.push(`${nsp} ${event} as ${role}: should be refused, got ${JSON.stringify(ack).slice(0, 160)}`);
          }
        }
        socket.disconnect();
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
  test('HTTP: each role is let in or refused exactly as the rules say', async () => {
    const live = liveRoutes(app).filter((r) => HTTP_RULES[r]);
    const ordered = live
      .map((route, i) => ({ route, rule: HTTP_RULES[route], i }))
      .sort((a, b) => (a.rule.phase ?? 0) - (b.rule.phase ?? 0) || a.i - b.i);
    const failures: string[] = [];
    let cells = 0;
    for (const { route, rule } of ordered) {
      const refusedRoles = ROLES.filter((r) => !rule.allow.includes(r));
      for (const role of [...refusedRoles, ...rule.allow]) {
        const allowed = rule.allow.includes(role);
        const res = await call(route, rule, role, allowed);
        cells += 1;
        const got = `${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`;
        if (res.status >= 500) failures.push(`${route} as ${role}: ${got}`);
        else if (allowed && res.status >= 300 && !rule.ok?.includes(res.status))
          failures.push(`${route} as ${role}: should be let in, got ${got}`);
        else if (!allowed && !REFUSED.has(res.status)) failures.push(`${route} as ${role}: should be refused, got ${got}`);
        if (res.status >= 400) {
          const problem = errorShapeProblem(res.body);
          if (problem) failures.push(`${route} as ${role}: ${res.status} ${problem}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(90 * ROLES.length - 1);
  }, 120_000);
});
