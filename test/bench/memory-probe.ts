/**
 * Preloaded into the measured process (`node --expose-gc --import test/bench/dist/bench/memory-probe.js api/dist/main.js`)
 * to read it from the outside without changing it: a side HTTP port on 127.0.0.1 (BENCH_PROBE_PORT) that answers
 *   GET  /mem            heap and RSS after two full GCs (process.memoryUsage, VmRSS from /proc), and each V8 heap
 *                        space's size and use; ?gc=0 without GC, ?gc=compact with compacting GCs
 *   POST /profile/start  starts V8's sampling CPU profiler (node:inspector, the same data as --cpu-prof)
 *   POST /profile/stop   stops it and writes the .cpuprofile to ?file=
 *   GET  /loop           event-loop utilisation since the last call
 *   POST /heap           writes a heap snapshot to ?file= (for a one-off look at what a connection holds)
 */
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

const port = Number(process.env.BENCH_PROBE_PORT);

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));
}

function vmRss(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

// Worker threads run the preload too: the probe belongs to the main thread.
if (port && isMainThread) {
  let session: Session | undefined;
  let lastElu = performance.eventLoopUtilization();
  const gc = (globalThis as { gc?: () => void }).gc;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://probe');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const handle = async () => {
      if (url.pathname === '/mem') {
        const mode = url.searchParams.get('gc');
        if (gc && mode !== '0') {
          // ?gc=compact: every page evacuated, as V8's memory reducer does once a process goes quiet; a forced
          // GC alone leaves pages that a burst of connects fragmented.
          if (mode === 'compact') v8.setFlagsFromString('--compact-on-every-full-gc');
          gc();
          await new Promise((r) => setTimeout(r, 50));
          gc();
          if (mode === 'compact') v8.setFlagsFromString('--no-compact-on-every-full-gc');
          await new Promise((r) => setTimeout(r, 200));
        }
        const m = process.memoryUsage();
        return reply(200, {
          rss: vmRss(),
          heapUsed: m.heapUsed,
          heapTotal: m.heapTotal,
          external: m.external,
          arrayBuffers: m.arrayBuffers,
          spaces: Object.fromEntries(
            v8.getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
          ),
          gc: !!gc,
        });
      }
      if (url.pathname === '/loop') {
        const now = performance.eventLoopUtilization();
        const delta = performance.eventLoopUtilization(now, lastElu);
        lastElu = now;
        return reply(200, { utilization: delta.utilization, activeMs: delta.active, idleMs: delta.idle });
      }
      if (url.pathname === '/heap') {
        gc?.();
        return reply(200, { file: v8.writeHeapSnapshot(url.searchParams.get('file') ?? undefined) });
      }
      if (url.pathname === '/profile/start') {
        session ??= new Session();
        session.connect();
        await post(session, 'Profiler.enable');
        await post(session, 'Profiler.setSamplingInterval', { interval: Number(url.searchParams.get('interval') ?? 500) });
        await post(session, 'Profiler.start');
        return reply(200, { started: true });
      }
      if (url.pathname === '/profile/stop' && session) {
        const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
        await post(session, 'Profiler.disable');
        session.disconnect();
        session = undefined;
        const file = url.searchParams.get('file');
        if (file) fs.writeFileSync(file, JSON.stringify(profile));
        return reply(200, { file });
      }
      return reply(404, { error: 'unknown' });
    };
    handle().catch((err: unknown) => reply(500, { error: String(err) }));
  });
  server.listen(port, '127.0.0.1');
  server.unref();
}
