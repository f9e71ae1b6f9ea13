import fs from 'node:fs';
import { nowMs } from './sio.js';
export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (no interpolation): p99 of 300 samples is the 297th smallest. */
export function summarize(samples: number[]): Summary {
  const s = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : NaN);
  return {
    n: s.length,
    median: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    min: s.length ? s[0] : NaN,
    max: s.length ? s[s.length - 1] : NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms until it holds (true) or `timeoutMs` passes (false). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await sleep(20);
  }
}

export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * A process's main thread from /proc/<pid>/schedstat (ms): time on a CPU and time runnable but waiting for
 * one. Waiting is the machine's other load taking the cores: it shows how far the figures are inflated by a
 * busy machine rather than by the process's own work. NaN when the process is not on this machine.
 */
export interface Sched {
  at: number;
  run: number;
  wait: number;
}
export function sched(pid: number | undefined): Sched {
  const at = nowMs();
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { at, run: run / 1e6, wait: wait / 1e6 };
  } catch {
    return { at, run: NaN, wait: NaN };
  }
}
