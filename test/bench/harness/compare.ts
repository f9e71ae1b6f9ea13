/**
 * The regression check: this run's figures against the README's performance table. A latency is judged by
 * its ratio to the bare Socket.IO relay measured in the same run (this run's ratio against the ratio the
 * README's figure had with its own relay, from test/bench/reference.json), so a host that is slower today
 * for everyone does not fail it; offers per second likewise against the bare server's. Where no relay figure
 * was recorded with the README's figure, the raw figures are compared. Both are printed. A row FAILs when
 * the judged figure is more than 10% worse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { type Summary } from '../util.js';
import { CFG } from './config.js';
import { details, rows, type Row } from './results.js';

/** Worse by more than this share fails. */
export const TOLERANCE = 0.1;

interface Check {
  key: string;
  /** The README row's first column starts so. */
  readme: string;
  /** Which number of the row's "measured" cell (e.g. 0 for the median of "17.1 / 43.3 ms"). */
  index: number;
  ours: () => number | undefined;
  bare: () => number | undefined;
  higherIsBetter?: boolean;
}

const stat = (group: string, figure: string, pick: keyof Summary) => () => {
  const row = rows.find((r: Row) => r.group === group && r.figure.startsWith(figure));
  const v = row?.stats?.[pick];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
};

const CHECKS: Check[] = [
  { key: 'first-offer-median', readme: 'POST → first offer', index: 0, ours: stat('[embedded]', 'POST /api/shifts → first offer', 'median'), bare: stat('[baseline]', 'HTTP→one client', 'median') },
  { key: 'first-offer-p99', readme: 'POST → first offer', index: 1, ours: stat('[embedded]', 'POST /api/shifts → first offer', 'p99'), bare: stat('[baseline]', 'HTTP→one client', 'p99') },
  { key: 'board-median', readme: 'POST → each board', index: 0, ours: stat('[embedded]', 'POST /api/shifts → shift:opened, each board', 'median'), bare: stat('[baseline]', 'HTTP→200 clients, each client', 'median') },
  { key: 'board-p99', readme: 'POST → each board', index: 1, ours: stat('[embedded]', 'POST /api/shifts → shift:opened, each board', 'p99'), bare: stat('[baseline]', 'HTTP→200 clients, each client', 'p99') },
  { key: 'race-p99', readme: '1,000-way race', index: 0, ours: stat('[embedded-fanout100]', '1000-way race', 'p99'), bare: stat('[baseline]', '1,000-way race', 'p99') },
  {
    key: 'offers-per-second',
    readme: 'offers delivered per second',
    index: 0,
    ours: stat('[embedded-fanout100]', 'offers delivered per second', 'median'),
    bare: stat('[baseline]', 'offers delivered per second', 'median'),
    higherIsBetter: true,
  },
];

export interface Comparison {
  key: string;
  readme: number;
  ours: number;
  /** This run's figure against the README's: +0.12 is 12% worse. */
  rawChange: number;
  ratio?: { ours: number; readme: number; change: number };
  judged: 'ratio' | 'raw';
  fail: boolean;
}

/** The README table's numbers by row label: "17.1 / 43.3 ms" → [17.1, 43.3]; "158 ms (bare Socket.IO: 65.5)" → [158, 65.5]. */
export function readmeFigures(markdown: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const start = markdown.indexOf('## Performance');
  for (const line of markdown.slice(Math.max(0, start)).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[2] || /^-+$/.test(cells[2])) continue;
    const numbers = [...cells[2].matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
    if (numbers.length) out.set(cells[1], numbers);
  }
  return out;
}

interface Reference {
  /** Per check: the README figure the relay figure was measured with, and the relay's. */
  figures: Record<string, { readme: number; bare: number }>;
}

function reference(): Reference {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'test/bench/reference.json'), 'utf8')) as Reference;
  } catch {
    return { figures: {} };
  }
}

/** Why this run cannot be compared with the README's table, or undefined when it can. */
function notComparable(): string | undefined {
  if (CFG.quick) return 'a quick run (500 workers) is not the README table\'s setting';
  if (CFG.workers !== 10_000 || CFG.boards !== 200 || CFG.fanoutWorkers !== 1000) return 'not the README\'s 10,000 workers, 200 boards, 1,000 racers';
  return undefined;
}

export function compareWithReadme(): { comparisons: Comparison[]; skipped?: string } {
  const skipped = notComparable();
  if (skipped) return { comparisons: [], skipped };
  const table = readmeFigures(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const ref = reference().figures;
  const comparisons: Comparison[] = [];
  for (const check of CHECKS) {
    const label = [...table.keys()].find((k) => k.startsWith(check.readme));
    const readme = label ? table.get(label)?.[check.index] : undefined;
    const ours = check.ours();
    if (readme === undefined || ours === undefined) continue;
    const worse = (now: number, then: number) => (check.higherIsBetter ? then / now - 1 : now / then - 1);
    const rawChange = worse(ours, readme);
    const bare = check.bare();
    // The README's own relay figure: written in its row (the race), or recorded with exactly this README figure.
    const inline = check.key === 'race-p99' ? table.get(label!)?.[1] : undefined;
    const recorded = ref[check.key]?.readme === readme ? ref[check.key].bare : undefined;
    const readmeBare = inline ?? recorded;
    let ratio: Comparison['ratio'];
    if (bare !== undefined && readmeBare !== undefined) {
      const r = { ours: ours / bare, readme: readme / readmeBare };
      ratio = { ...r, change: worse(r.ours, r.readme) };
    }
    const judged = ratio ? 'ratio' : 'raw';
    comparisons.push({ key: check.key, readme, ours, rawChange, ratio, judged, fail: (ratio?.change ?? rawChange) > TOLERANCE });
  }
  details.regression = comparisons;
  return { comparisons };
}

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)}%`;
const num = (v: number) => (v >= 1000 ? Math.round(v).toLocaleString() : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function formatComparisons(result: { comparisons: Comparison[]; skipped?: string }): string {
  const lines = ['', `Regression check against README.md (FAIL: more than ${TOLERANCE * 100}% worse; + is worse):`];
  if (result.skipped) lines.push(`  n/a   ${result.skipped}`);
  else if (!result.comparisons.length) lines.push('  n/a   none of the README\'s figures were measured in this run');
  for (const c of result.comparisons) {
    const raw = `README ${num(c.readme)} → ${num(c.ours)} (${pct(c.rawChange)})`;
    const ratio = c.ratio
      ? `÷ bare relay: ${c.ratio.readme.toFixed(2)}× → ${c.ratio.ours.toFixed(2)}× (${pct(c.ratio.change)})`
      : 'no bare relay figure recorded with the README\'s';
    lines.push(`  ${c.fail ? 'FAIL' : 'PASS'}  ${c.key.padEnd(20)} ${raw.padEnd(40)} ${ratio}  [judged on ${c.judged}]`);
  }
  return lines.join('\n');
}
