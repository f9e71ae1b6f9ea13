/**
 * A load process: holds thousands of worker and board sockets (test/bench/sio.ts), stamps every `offer` and
 * board delta with the shared monotonic clock the moment its frame arrives, and reports them to the
 * coordinator in batches. On command it races accepts for the offers it holds.
 */
import { report, serve, type Request } from './ipc.js';
import { nowMs, SioSocket } from './sio.js';

interface WorkerSpec {
  id: string;
  token: string;
  lat: number;
  lng: number;
}

const workers: SioSocket[] = [];
const boards: SioSocket[] = [];
/** Offers held per shift: the socket that got it and the offer id, for the accept race. */
const held = new Map<string, Array<[SioSocket, string]>>();
const counters = { offers: 0, withdrawn: 0, boardDeltas: 0, seqGaps: 0, stats: 0, dropped: 0 };

let offerBatch: Array<[string, number, string]> = [];
let boardBatch: Array<[string, number]> = [];
const flush = setInterval(() => {
  if (offerBatch.length) report({ type: 'offers', items: offerBatch });
  if (boardBatch.length) report({ type: 'boards', items: boardBatch });
  offerBatch = [];
  boardBatch = [];
}, 10);
flush.unref();

function onWorkerEvent(at: number, event: string, raw: string, socket: SioSocket): void {
  if (event === 'offer') {
    counters.offers++;
    const [, offer] = JSON.parse(raw) as [string, { offerId: string; shift: { id: string } }];
    offerBatch.push([offer.shift.id, at, offer.offerId]);
    let list = held.get(offer.shift.id);
    if (!list) held.set(offer.shift.id, (list = []));
    list.push([socket, offer.offerId]);
  } else if (event === 'offer:withdrawn') {
    counters.withdrawn++;
  }
}

function onBoardEvent(): (at: number, event: string, raw: string) => void {
  let lastSeq: number | undefined;
  return (at, event, raw) => {
    const [, body] = JSON.parse(raw) as [string, { seq?: number; shift?: { id: string } }];
    if (event === 'board:snapshot') {
      lastSeq = body.seq;
      return;
    }
    if (typeof body.seq === 'number') {
      if (lastSeq !== undefined && body.seq !== lastSeq + 1) counters.seqGaps++;
      lastSeq = body.seq;
    }
    counters.boardDeltas++;
    if (event === 'stats:updated') counters.stats++;
    if (event === 'shift:opened' && body.shift) boardBatch.push([body.shift.id, at]);
  };
}

async function pool<T>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await run(items[i], i);
      }
    }),
  );
}

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function loopbackOnly(url: string): string {
  if (!/^http:\/\/127\./.test(url)) throw new Error(`bench sockets only go to 127.0.0.0/8, not ${url}`);
  return url;
}

serve({
  /** Connects worker sockets; with `presence`, each says it is waiting where it stands. */
  async workers(req: Request) {
    const list = req.workers as WorkerSpec[];
    const url = loopbackOnly(req.url as string);
    const baseline = req.baseline === true;
    const addresses = (req.localAddresses as string[] | undefined) ?? [];
    const errors = new Map<string, number>();
    const times: number[] = [];
    let connected = 0;
    let failedOnce: WorkerSpec[] = [];
    const attempt = async (w: WorkerSpec, i: number, last: boolean) => {
      const started = nowMs();
      let socket: SioSocket | undefined;
      try {
        socket = await SioSocket.connect({
          url,
          nsp: '/worker',
          auth: baseline ? { id: w.id } : { token: w.token },
          localAddress: addresses.length ? addresses[i % addresses.length] : undefined,
          onEvent: onWorkerEvent,
          connectTimeoutMs: 60_000,
        });
        if (req.presence) {
          const { answer } = await socket.emitAck<{ ok: boolean; code?: string }>(
            'presence',
            { status: 'waiting', location: { lat: w.lat, lng: w.lng } },
            120_000,
          );
          if (!answer?.ok) throw new Error(`presence: ${answer?.code ?? 'no answer'}`);
        }
        workers.push(socket);
        connected++;
        times.push(nowMs() - started);
        if (connected % 1000 === 0) report({ type: 'progress', connected });
      } catch (error) {
        socket?.close();
        if (!last) {
          failedOnce.push(w);
          return;
        }
        const key = error instanceof Error ? error.message : String(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    };
    await pool(list, (req.concurrency as number) ?? 50, (w, i) => attempt(w, i, false));
    // One more try, gently, for those the server was too busy to take (a timeout is the server's answer too).
    const retried = failedOnce.length;
    const again = failedOnce;
    failedOnce = [];
    await pool(again, 10, (w, i) => attempt(w, i, true));
    times.sort((a, b) => a - b);
    return {
      connected,
      failed: list.length - connected,
      retried,
      errors: Object.fromEntries(errors),
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
    };
  },

  async boards(req: Request) {
    const markets = req.markets as string[];
    const url = loopbackOnly(req.url as string);
    const errors = new Map<string, number>();
    let connected = 0;
    await pool(markets, 20, async (marketId) => {
      try {
        const socket = await SioSocket.connect({ url, nsp: '/board', auth: { marketId }, onEvent: onBoardEvent() });
        boards.push(socket);
        connected++;
      } catch (error) {
        const key = error instanceof Error ? error.message : String(error);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    });
    return { connected, failed: markets.length - connected, errors: Object.fromEntries(errors) };
  },

  /** Every held offer of the shift is accepted at once; answers each ack's latency and outcome. */
  async accept(req: Request) {
    const list = held.get(req.shiftId as string) ?? [];
    held.delete(req.shiftId as string);
    const results = await Promise.all(
      list.map(([socket, offerId]) =>
        socket.emitAck<{ ok: boolean; code?: string }>('offer:accept', { offerId }, 60_000).then(
          ({ sentAt, at, answer }) => ({
            ms: at - sentAt,
            ok: answer?.ok === true,
            code: answer?.ok ? 'OK' : (answer?.code ?? 'NO_ANSWER'),
          }),
          (error: unknown) => ({ ms: NaN, ok: false, code: error instanceof Error ? error.message : 'ERROR' }),
        ),
      ),
    );
    return results;
  },

  held(req: Request) {
    return held.get(req.shiftId as string)?.length ?? 0;
  },

  forget(req: Request) {
    if (req.shiftId) held.delete(req.shiftId as string);
    else held.clear();
    return true;
  },

  counters() {
    return { ...counters, workers: workers.filter((s) => s.connected).length, boards: boards.filter((s) => s.connected).length };
  },

  async close() {
    for (const s of [...workers, ...boards]) s.close();
    workers.length = 0;
    boards.length = 0;
    held.clear();
    await new Promise((r) => setTimeout(r, 200));
    return true;
  },
});
