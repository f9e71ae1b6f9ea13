/** Small helpers of the harness: the log, loopback JSON calls, waiting, the machine's load and limits. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { sched, sleep, type Sched } from '../util.js';

// ---------------------------------------------------------------- small helpers

export const started = Date.now();
export const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

export function getJson<T>(url: string, method = 'GET', timeoutMs = 60_000): Promise<T> {
  if (!/^http:\/\/127\./.test(url)) return Promise.reject(new Error(`loopback only: ${url}`));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()) as T);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function uptime(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** "event loop on a CPU 43%, waiting for one 38%" since `from`. */
export function schedNote(pid: number | undefined, from: Sched): string {
  const now = sched(pid);
  const wall = now.at - from.at;
  const pct = (v: number) => `${Math.round((v / wall) * 100)}%`;
  return `API event loop on CPU ${pct(now.run - from.run)}, waiting for a CPU ${pct(now.wait - from.wait)}`;
}

/**
 * Tens of thousands of sockets need as many descriptors in the API and the load processes: raise this process's
 * limit (inherited by every child) as far as the kernel allows; without the privilege it stays as it is.
 */
export function raiseNofile(wanted: number): void {
  try {
    execSync(`prlimit --pid ${process.pid} --nofile=${wanted}:${wanted}`, { stdio: 'ignore' });
  } catch {
    // not allowed here: the check below warns
  }
}

export function nofileLimit(): number {
  try {
    const m = /Max open files\s+(\d+)\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : Infinity;
  } catch {
    return Infinity;
  }
}

export function isLoopbackUrl(raw: string): boolean {
  const host = new URL(raw).hostname;
  return host === 'localhost' || /^127\./.test(host) || host === '[::1]';
}
