/** Rows, verdicts and details of a run: the printed table and test/artifacts/bench.json. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS } from '../paths.js';
import { type ScaleOutResult } from '../scale-out.js';
import { round, type Summary } from '../util.js';
import { CFG } from './config.js';
import { profiles } from './processes.js';
import { started } from './system.js';

// ---------------------------------------------------------------- results

export interface Row {
  group: string;
  figure: string;
  unit: string;
  stats?: Summary;
  value?: number;
  note?: string;
}
export interface Verdict {
  target: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}
export const rows: Row[] = [];
export const verdicts: Verdict[] = [];
export const details: Record<string, unknown> = {};
let scaleOutResult: ScaleOutResult | undefined;
export function setScaleOut(result: ScaleOutResult): void {
  scaleOutResult = result;
}

export function addRow(row: Row): void {
  rows.push(row);
}
export function verdict(target: string, measured: string, pass: boolean | null, note?: string): void {
  verdicts.push({ target, measured, pass, note });
}

export const ms = (v: number) =>
  Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : v > 0 ? '∞' : '–';

export function printTable(): void {
  const lines: string[] = [];
  const head = ['figure', 'n', 'median', 'p95', 'p99', 'unit / note'];
  const table = rows.map((r) =>
    r.stats
      ? [
          `${r.group} ${r.figure}`,
          String(r.stats.n),
          ms(r.stats.median),
          ms(r.stats.p95),
          ms(r.stats.p99),
          r.unit + (r.note ? `  ${r.note}` : ''),
        ]
      : [`${r.group} ${r.figure}`, '', r.value === undefined ? '' : ms(r.value), '', '', r.unit + (r.note ? `  ${r.note}` : '')],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const fmt = (cols: string[]) =>
    cols.map((c, i) => (i === 0 || i === cols.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push('', fmt(head), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) lines.push(fmt(t));
  lines.push('', 'Targets (2 cores, loopback, embedded mode unless named):');
  for (const v of verdicts)
    lines.push(
      `  ${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'MISS'}  ${v.target.padEnd(58)} ${v.measured}${v.note ? `  (${v.note})` : ''}`,
    );
  console.log(lines.join('\n'));
}

export function writeJson(aborted?: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, 'bench.json');
  const round3 = (s?: Summary) =>
    s && {
      n: s.n,
      median: round(s.median, 3),
      p95: round(s.p95, 3),
      p99: round(s.p99, 3),
      min: round(s.min, 3),
      max: round(s.max, 3),
      mean: round(s.mean, 3),
    };
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        aborted,
        durationS: round((Date.now() - started) / 1000, 1),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          memoryGb: round(os.totalmem() / 2 ** 30, 1),
          node: process.version,
          platform: `${os.type()} ${os.release()}`,
        },
        config: CFG,
        scaleOut: scaleOutResult,
        load: details.load,
        results: rows.map((r) => ({ ...r, stats: round3(r.stats) })),
        targets: verdicts,
        profiles,
        details,
      },
      null,
      2,
    ),
  );
  return file;
}
