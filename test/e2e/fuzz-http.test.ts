import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { http, signIn } from '../support/clients.js';
import { hostileString, SchemaArbitraries, type Schema } from '../support/fuzz-arbitraries.js';
import { countChanges, rowCounter } from '../support/row-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, errorShapeProblem, headersOf, MARKET, ROLES, type World } from '../support/world.js';
import { ID_OF } from './authz-rules.js';

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
const OPENAPI = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const OPERATIONS = Object.entries(OPENAPI.paths).flatMap(([template, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method, template, op })),
);

/** Runs per operation (FUZZ_RUNS to change), and the seed (FUZZ_SEED to replay a failure). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 14);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Tokens an attacker would try: no signature, alg none, wrong types in the claims, huge, empty. */
const FORGED_TOKENS = fc.constantFrom(
  `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', iss: 'linggong' })}.`,
  `Bearer ${b64({ alg: 'HS256' })}.${b64({ sub: { $ne: null }, gen: 'x', exp: 'never', iss: ['linggong'] })}.sig`,
  `Bearer ${b64({ alg: 'RS256', kid: '../../dev/null' })}.${b64({ sub: '1' })}.AAAA`,
  'Bearer a.b.c',
  'Bearer ....',
  'Bearer',
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'a'.repeat(8000)}`,
);

/** Calls that spend the caller's token or account: made with a throwaway account instead. */
const SPENDS_CALLER = new Set(['post /api/auth/logout', 'post /api/auth/logout-all', 'delete /api/workers/me']);
/** Tables that background work fills after earlier successful calls (dispatch waves, the work log, feed versions). */
const WRITTEN_LATER = new Set(['Offer', 'LedgerEntry', 'LedgerHead', 'ShiftVersion', 'WaitingDay', 'TrainingNotice']);

/**
 * Property-based fuzzing of every OpenAPI operation: bodies, path, query and headers drawn from the
 * operation's schemas and from hostile values (NUL, huge, unicode, wrong types, nested junk, prototype
 * pollution keys), as any role. Never a 5xx, every refusal in the protocol's error shape, and a refused
 * call writes nothing (row counts of every table, less those filled by background work, unchanged).
 */
describe('fuzzing every OpenAPI operation (pglite)', () => {
  let app: TestApp;
  let world: World;
  let counts: () => Promise<Record<string, number>>;
  let arbs: SchemaArbitraries;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    world = await buildWorld(app);
    counts = await rowCounter(app);
    arbs = new SchemaArbitraries(OPENAPI.components.schemas, [
      ...Object.values(world.ids),
      MARKET,
      'electrician',
      'welder',
      '620102',
      '620000',
    ]);
  }, 120_000);
  afterAll(async () => {
    for (const s of world?.sockets ?? []) s.disconnect();
    await app?.stop();
  });

  function requestArbitrary(template: string, op: Operation) {
    const params = op.parameters ?? [];
    const resource = template.split('/')[2];
    const pathArbs = Object.fromEntries(
      params
        .filter((p) => p.in === 'path')
        .map((p) => {
          const fixture = world.ids[ID_OF[resource] ?? ''] ?? world.ids.walkIn;
          return [
            p.name,
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(fixture, world.ids.worker, world.ids.case) },
              { weight: 2, arbitrary: hostileString() },
            ),
          ];
        }),
    );
    const queryArbs = Object.fromEntries(
      params.filter((p) => p.in === 'query').map((p) => [p.name, fc.option(fc.oneof(arbs.value(p.schema), hostileString()), { freq: 3 })]),
    );
    const headerArbs = Object.fromEntries(
      params.filter((p) => p.in === 'header').map((p) => [p.name, fc.option(hostileString(), { freq: 2 })]),
    );
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    return fc.record({
      role: fc.constantFrom(...ROLES),
      path: fc.record(pathArbs),
      query: fc.record(queryArbs),
      headers: fc.record({
        ...headerArbs,
        // Forged and broken credentials and languages on every route.
        authorization: fc.option(
          fc.oneof(
            FORGED_TOKENS,
            hostileString().map((t) => `Bearer ${t}`),
          ),
          { freq: 6 },
        ),
        'accept-language': fc.option(hostileString(), { freq: 6 }),
      }),
      body: bodySchema ? arbs.value(bodySchema) : fc.option(fc.anything({ maxDepth: 2 }), { freq: 3 }),
      raw: fc.option(fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '\u0000', '{"a":1}garbage'), { freq: 12 }),
    });
  }

  /** Path and query values are cut to 1,000 characters: longer URLs meet Node's header limit, not the app. */
  function urlOf(template: string, path: Record<string, string>, query: Record<string, unknown>): string {
    const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeBytes((path[name] ?? 'x').slice(0, 1000)));
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== null && v !== undefined) q.set(k, (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 1000));
    const qs = q.toString();
    return qs ? `${filled}?${qs}` : filled;
  }

  test.each(OPERATIONS.map((o) => [`${o.method.toUpperCase()} ${o.template}`, o] as const))(
    '%s',
    async (_name, { method, template, op }) => {
      const get = method === 'get' || method === 'delete';
      const out = await fc.check(
        fc.asyncProperty(requestArbitrary(template, op), async (r) => {
          const spends = SPENDS_CALLER.has(`${method} ${template}`);
          const auth = spends ? { token: (await signIn(app)).token } : headersOf(world.callers[r.role]);
          const headers: Record<string, string> = { ...(auth.headers ?? {}) };
          for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k] = v.replace(/[^\x20-\x7e]/g, '?');
          const token = headers.authorization ? undefined : auth.token;
          const url = urlOf(template, r.path, r.query);
          const send = get ? {} : r.raw !== null ? { raw: r.raw } : r.body !== null && r.body !== undefined ? { body: r.body } : {};
          const before = await counts();
          const res = await http(app, method.toUpperCase(), url, { token, headers, ...send });
          const where = `${method.toUpperCase()} ${url.slice(0, 200)} as ${r.role} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`5xx: ${where}`);
          if (res.status >= 400) {
            const shape = errorShapeProblem(res.body);
            if (shape) throw new Error(`error shape: ${shape}: ${where}`);
            const changed = countChanges(before, await counts(), WRITTEN_LATER);
            if (changed.length) throw new Error(`refused but wrote: ${changed.join(', ')}: ${where}`);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      const problems = out.failed
        ? [
            `${String((out.errorInstance as Error)?.message ?? out.errorInstance)}\ncounterexample: ${short(out.counterexample)}\n(replay: FUZZ_SEED=${SEED})`,
          ]
        : [];
      expect(problems).toEqual([]);
      expect((await http(app, 'GET', '/api/health')).status).toBe(200);
    },
  );
});

function short(value: unknown): string {
  return (
    JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v))?.slice(
      0,
      1500,
    ) ?? ''
  );
}

/** Percent-encodes every byte of the UTF-8 form (a lone surrogate becomes U+FFFD instead of throwing). */
function encodeBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`))
    .join('');
}
