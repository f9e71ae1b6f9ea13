import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { http } from '../support/clients.js';
import { hostileString, hostileValue } from '../support/fuzz-arbitraries.js';
import { liveSocketEvents } from '../support/live-surface.js';
import { countChanges, rowCounter } from '../support/row-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, errorShapeProblem, MARKET, type World } from '../support/world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const WRITTEN_LATER = new Set(['Offer', 'LedgerEntry', 'LedgerHead', 'ShiftVersion', 'WaitingDay', 'TrainingNotice']);
const HANDSHAKE_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'RATE_LIMITED']);

/** Who connects to each namespace for its events to reach their handlers. */
const AUTH: Record<string, (w: World) => Record<string, unknown>> = {
  '/worker': (w) => ({ token: w.callers.worker.token }),
  '/employer': (w) => ({ token: w.callers.employer.token }),
  '/staff': (w) => ({ token: w.callers.staff.token }),
  '/board': () => ({ marketId: MARKET }),
};

function open(app: TestApp, nsp: string, auth: unknown): Promise<{ socket: Socket; refused?: string }> {
  const socket = io(`${app.url}${nsp}`, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (e) => resolve({ socket, refused: e.message }));
    // socket.io's own parser drops a handshake whose auth is not an object by closing the connection. The
    // client's manager also closes when a refused socket was its only one, just before connect_error: wait.
    socket.io.once('close', () => setTimeout(() => resolve({ socket, refused: 'CLOSED' }), 100));
    setTimeout(() => resolve({ socket, refused: 'no answer to the handshake within 4 s' }), 4_000);
  });
}

/** A cheap acknowledged event per namespace (a refused one writes nothing); /staff has none: a short wait. */
const PING: Record<string, [string, unknown]> = {
  '/board': ['board:resync', {}],
  '/worker': ['presence', {}],
  '/employer': ['shift:watch', {}],
};

async function roundTrip(socket: Socket, nsp: string): Promise<void> {
  const ping = PING[nsp];
  if (!ping) return void (await new Promise((r) => setTimeout(r, 50)));
  await socket
    .timeout(3_000)
    .emitWithAck(...ping)
    .catch(() => undefined);
}

function reconnect(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
}

/**
 * Property-based fuzzing of every socket namespace's handshake and every client event of the live gateways
 * (plus unknown event names): random payloads, wrong types, extra arguments, no acknowledgement. Never an
 * INTERNAL, never a crash (the server still answers and the socket still works), every refusal in the
 * `{ ok: false, code, message }` shape, and a refused event writes nothing.
 */
describe('fuzzing every socket handshake and event (pglite)', () => {
  let app: TestApp;
  let world: World;
  let counts: () => Promise<Record<string, number>>;
  const events = () => liveSocketEvents(app);

  beforeAll(async () => {
    app = await startTestApp('pglite', {
      SOCKET_EVENTS_PER_S: '100000',
      SOCKET_EVENTS_BURST: '100000',
      SOCKET_CONNECTIONS_PER_ADDRESS: '10000',
    });
    world = await buildWorld(app);
    counts = await rowCounter(app);
  }, 120_000);
  afterAll(async () => {
    for (const s of world?.sockets ?? []) s.disconnect();
    await app?.stop();
  });

  function failureOf(out: { failed: boolean; counterexample: unknown; errorInstance: unknown }): string[] {
    if (!out.failed) return [];
    const example = JSON.stringify(out.counterexample, (_, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…` : v,
    );
    return [
      `${String((out.errorInstance as Error)?.message ?? out.errorInstance)}\ncounterexample: ${example?.slice(0, 1500)}\n(replay: FUZZ_SEED=${SEED})`,
    ];
  }

  test.each(['/worker', '/employer', '/staff', '/board'])(
    '%s handshake: any auth connects or is refused with a known code',
    async (nsp) => {
      const auth = fc.oneof(
        fc.record({ token: hostileValue() }),
        fc.record({ marketId: hostileValue(), lang: fc.option(hostileString()) }),
        fc.record({
          token: fc.constantFrom(...Object.values(world.callers).map((c) => c.token ?? 'x')),
          marketId: fc.constantFrom(MARKET, 'nowhere'),
        }),
        hostileValue(),
      );
      const out = await fc.check(
        fc.asyncProperty(auth, async (a) => {
          const { socket, refused } = await open(app, nsp, a);
          socket.disconnect();
          const plainObject = typeof a === 'object' && a !== null && !Array.isArray(a);
          // Not an object, or over the engine's 64 KB message limit: socket.io closes the connection by design.
          if (refused === 'CLOSED' && (!plainObject || Buffer.byteLength(JSON.stringify(a) ?? '') > 60_000)) return;
          if (refused !== undefined && !HANDSHAKE_CODES.has(refused)) throw new Error(`refused with ${refused}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(failureOf(out)).toEqual([]);
    },
  );

  test('every live client event (and unknown ones): random payloads, extra arguments, no ack', async () => {
    const live = events();
    const problems: string[] = [];
    for (const [nsp, names] of Object.entries(live)) {
      const { socket, refused } = await open(app, nsp, AUTH[nsp](world));
      if (refused) throw new Error(`${nsp}: ${refused}`);
      const payload = fc.oneof(
        hostileValue(),
        fc.record({
          offerId: fc.oneof(hostileValue(), fc.constant(world.ids.offer)),
          shiftId: fc.oneof(hostileValue(), fc.constant(world.ids.shift)),
        }),
        fc.record({
          status: fc.oneof(fc.constantFrom('waiting', 'busy', 'offline'), hostileValue()),
          location: hostileValue(),
          marketId: hostileValue(),
        }),
      );
      const call = fc.record({
        event: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...(names.length ? names : ['nothing'])) },
          { weight: 1, arbitrary: fc.constantFrom('error', 'constructor', '__proto__', 'hasOwnProperty', 'offer', 'board:snapshot') },
          { weight: 1, arbitrary: hostileString() },
        ),
        payload,
        extra: fc.option(hostileValue(), { freq: 4 }),
        ack: fc.boolean(),
      });
      const out = await fc.check(
        fc.asyncProperty(call, async ({ event, payload: p, extra, ack }) => {
          if (['connect', 'disconnect', 'connect_error', 'disconnecting', 'newListener', 'removeListener'].includes(event)) return;
          if (!socket.connected) await reconnect(socket);
          // A message over the engine's 64 KB limit closes the connection by design; anything smaller must not.
          const size = Buffer.byteLength(JSON.stringify([event, p, extra]) ?? '');
          const before = await counts();
          // An event without a handler is never acknowledged: it is sent without waiting for one.
          if (!ack || !names.includes(event)) {
            socket.emit(event, p, ...(extra === null ? [] : [extra]));
          } else {
            const args = extra === null ? [p] : [p, extra];
            let answer: unknown;
            try {
              answer = await socket.timeout(3_000).emitWithAck(event, ...args);
            } catch {
              if (names.includes(event) && extra === null && size < 60_000) throw new Error(`${nsp} ${event}: no acknowledgement`);
              return; // unknown events, or an argument where the ack belongs: no answer is fine
            }
            const a = answer as { ok?: boolean; code?: string };
            if (typeof a !== 'object' || a === null || typeof a.ok !== 'boolean')
              throw new Error(`${nsp} ${event}: ack not { ok }: ${JSON.stringify(a)}`);
            if (!a.ok) {
              const shape = errorShapeProblem(a);
              if (shape) throw new Error(`${nsp} ${event}: ${shape}`);
              if (a.code === 'INTERNAL') throw new Error(`${nsp} ${event}: INTERNAL`);
              const changed = countChanges(before, await counts(), WRITTEN_LATER);
              if (changed.length) throw new Error(`${nsp} ${event} refused but wrote: ${changed.join(', ')}`);
            }
          }
          // A round trip after the emit: the server has handled it (packets are handled in order) or dropped us.
          await roundTrip(socket, nsp);
          if (!socket.connected && size < 60_000) throw new Error(`${nsp} ${event}: the server dropped the socket (${size} bytes)`);
        }),
        { numRuns: RUNS * 4, seed: SEED, endOnFailure: true },
      );
      problems.push(...failureOf(out).map((p) => `${nsp}: ${p}`));
      // Still alive: the socket answers a well-formed event, the server answers HTTP.
      if (!socket.connected) await reconnect(socket);
      if (nsp === '/board') expect(await socket.timeout(5_000).emitWithAck('board:resync', {})).toMatchObject({ ok: true });
      socket.disconnect();
    }
    expect(problems).toEqual([]);
    expect((await http(app, 'GET', '/api/health')).status).toBe(200);
  }, 600_000);
});
