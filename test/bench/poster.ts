/**
 * The HTTP side of the load, in its own process: posts shifts (one at a time, or open-loop at a fixed rate
 * with a bound on requests in flight), cancels them, and drives the baseline's relay. Every request is stamped
 * with the shared monotonic clock just before it is written.
 */
import http from 'node:http';
import { report, serve, type Request } from './ipc.js';
import { nowMs } from './sio.js';
import { seededRandom as seeded } from '../support/seeded-random.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

interface HttpAnswer {
  t0: number;
  t1: number;
  status: number;
  body: any;
}

/**
 * One request. A connection reset (a keep-alive socket the server closed as it was reused) is retried once,
 * except for posting a shift, which is not idempotent without a key (and a key would change what is measured).
 */
async function send(url: string, method: string, path: string, body?: unknown, token?: string): Promise<HttpAnswer> {
  try {
    return await sendOnce(url, method, path, body, token);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' || path === '/api/shifts') throw error;
    resets++;
    return sendOnce(url, method, path, body, token);
  }
}
let resets = 0;

function sendOnce(url: string, method: string, path: string, body: unknown, token: string | undefined): Promise<HttpAnswer> {
  const target = new URL(path, url);
  if (!/^127\./.test(target.hostname)) return Promise.reject(new Error(`bench requests only go to 127.0.0.0/8, not ${target.hostname}`));
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request(target, { method, agent, headers, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const t1 = nowMs();
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON */
        }
        resolve({ t0, t1, status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => {
      error.message = `${method} ${path}: ${error.message} after ${(nowMs() - t0).toFixed(0)} ms`;
      reject(error);
    });
    const t0 = nowMs();
    req.end(payload);
  });
}

export interface ShiftPlace {
  center: { lat: number; lng: number };
  radiusKm: number;
}

/** A shift body like the phone app posts, at a random place within `radiusKm` of the centre. */
export function shiftBody(
  rnd: () => number,
  place: ShiftPlace,
  window: { startsAt: string; endsAt: string },
  headcount = 1,
  trade = 'electrician',
) {
  const r = place.radiusKm * Math.sqrt(rnd());
  const a = rnd() * 2 * Math.PI;
  return {
    title: '配电箱安装（压测）',
    trade,
    headcount,
    wage: { amount: 300, unit: 'day' },
    location: {
      lat: place.center.lat + (r * Math.cos(a)) / 111.32,
      lng: place.center.lng + (r * Math.sin(a)) / (111.32 * Math.cos((place.center.lat * Math.PI) / 180)),
    },
    address: '兰州市城关区庆阳路 1 号',
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    terms: { mealsProvided: true },
    description: '压测发布的用工，会被立即取消',
  };
}

const rnd = seeded(Number(process.env.BENCH_SEED ?? 7));

serve({
  resets() {
    return resets;
  },

  async post(req: Request) {
    const a = await send(req.url as string, 'POST', '/api/shifts', req.body, req.token as string);
    return { t0: a.t0, t1: a.t1, status: a.status, id: (a.body as { id?: string })?.id, body: a.status >= 300 ? a.body : undefined };
  },

  /** One shift at a random place: the body is made here so the coordinator's loop stays light. */
  async postRandom(req: Request) {
    const body = shiftBody(
      rnd,
      req.place as ShiftPlace,
      req.window as { startsAt: string; endsAt: string },
      (req.headcount as number) ?? 1,
    );
    const a = await send(req.url as string, 'POST', '/api/shifts', body, req.token as string);
    return { t0: a.t0, t1: a.t1, status: a.status, id: (a.body as { id?: string })?.id, body: a.status >= 300 ? a.body : undefined };
  },

  async relay(req: Request) {
    const a = await send(req.url as string, 'POST', '/relay', req.body);
    return { t0: a.t0, t1: a.t1, status: a.status };
  },

  /** Any request, stamped; the body comes back only when asked for (the views scenario checks one answer's shape). */
  async timed(req: Request) {
    const a = await send(req.url as string, req.method as string, req.path as string, req.body, req.token as string | undefined);
    return { t0: a.t0, t1: a.t1, status: a.status, body: req.withBody || a.status >= 300 ? a.body : undefined };
  },

  async get(req: Request) {
    const a = await send(req.url as string, 'GET', req.path as string, undefined, req.token as string | undefined);
    return { status: a.status, body: a.body };
  },

  /** Cancels shifts, a few at a time (not measured: it returns the service to a steady state between steps). */
  async cancel(req: Request) {
    const ids = req.ids as string[];
    let next = 0;
    let failed = 0;
    const started = nowMs();
    await Promise.all(
      Array.from({ length: Math.min((req.concurrency as number) ?? 4, ids.length) }, async () => {
        while (next < ids.length) {
          const id = ids[next++];
          const a = await send(req.url as string, 'POST', `/api/shifts/${id}/cancel`, {}, req.token as string).catch(() => undefined);
          if (!a || (a.status !== 200 && a.status !== 409)) failed++;
        }
      }),
    );
    return { cancelled: ids.length - failed, failed, ms: nowMs() - started };
  },

  /**
   * Open loop: a POST every 1/rate seconds for `durationMs`, whatever the answers; when `maxInFlight`
   * requests are outstanding the next one is skipped and counted (the service is not keeping up).
   */
  async ramp(req: Request) {
    const rate = req.rate as number;
    const durationMs = req.durationMs as number;
    const maxInFlight = (req.maxInFlight as number) ?? 256;
    const place = req.place as ShiftPlace;
    const window = req.window as { startsAt: string; endsAt: string };
    const results: Array<{ t0: number; t1: number; status: number; id?: string }> = [];
    const errors: string[] = [];
    let inFlight = 0;
    let due = 0;
    let skipped = 0;
    const start = nowMs();
    const running = new Set<Promise<void>>();
    await new Promise<void>((done) => {
      const tick = () => {
        const now = nowMs();
        const elapsed = now - start;
        if (elapsed >= durationMs) return done();
        const shouldHave = Math.floor((elapsed * rate) / 1000) + 1;
        while (due < shouldHave) {
          due++;
          if (inFlight >= maxInFlight) {
            skipped++;
            continue;
          }
          inFlight++;
          const body = shiftBody(rnd, place, window);
          const p = send(req.url as string, 'POST', '/api/shifts', body, req.token as string)
            .then(
              (a) => {
                results.push({ t0: a.t0, t1: a.t1, status: a.status, id: (a.body as { id?: string })?.id });
              },
              (error: unknown) => {
                errors.push(String(error));
              },
            )
            .finally(() => {
              inFlight--;
              running.delete(p);
            });
          running.add(p);
        }
        const nextAt = start + (due * 1000) / rate;
        setTimeout(tick, Math.max(0, nextAt - nowMs()));
      };
      tick();
    });
    const sentUntil = nowMs();
    await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 30_000))]);
    report({ type: 'ramp-done', rate });
    return {
      results,
      skipped,
      errors: errors.slice(0, 5),
      errorCount: errors.length,
      sendingMs: sentUntil - start,
      unfinished: running.size,
    };
  },
});
