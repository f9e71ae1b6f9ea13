import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

/** A V8 .cpuprofile (what `node --cpu-prof` and the inspector's Profiler.stop write). */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  durationMs: number;
  /** Share of samples (0..1) not idle: how busy the process's main thread was. */
  busy: number;
  gc: number;
  /** Self time, the hottest functions first (share of all samples). */
  topSelf: Array<{ fn: string; where: string; share: number; ms: number }>;
  /** Self time summed by where the code lives (a package, the API's folder, PGlite's WebAssembly, V8/Node). */
  byArea: Array<{ area: string; share: number; ms: number }>;
  /** Inclusive time of the API's own functions (each counted once per sample): which API paths cost the most. */
  apiInclusive: Array<{ fn: string; where: string; share: number; ms: number }>;
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Where a frame's code lives, coarse enough to read at a glance. */
export function areaOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'V8 garbage collector';
  if (fn === '(program)') return 'V8/native (program)';
  if (url.startsWith('wasm://') || /wasm-function/.test(fn)) return 'PGlite: PostgreSQL (WebAssembly)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === '@electric-sql/pglite') return 'PGlite: JS (wire protocol, result parsing, FS)';
    if (pkg === '@prisma/client') return 'Prisma client (JS runtime)';
    return pkg;
  }
  const api = url.indexOf('/api/dist/');
  if (api >= 0) {
    const rest = url.slice(api + '/api/dist/'.length).split('/');
    return rest[0] === 'generated' ? 'api: generated Prisma client' : `api: ${rest.length > 1 ? rest[0] : rest[0].replace(/\.js$/, '')}`;
  }
  if (url.includes('/test/bench/')) return 'bench script';
  if (url.startsWith('node:')) return 'Node.js core (JS)';
  if (!url) return 'V8/Node builtins (native)';
  return url;
}

/** Native frames (no script) count towards whoever called them; socket writes get their own line. */
function nativeArea(fn: string, callerArea: string | undefined): string {
  if (/^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString)$/.test(fn) && callerArea === 'Node.js core (JS)')
    return 'socket writes (native)';
  return callerArea ? `${callerArea}` : 'V8/Node builtins (native)';
}

function shortUrl(url: string, line: number): string {
  const rel = url.startsWith('file://') ? path.relative(ROOT, url.slice('file://'.length)) : url;
  return `${rel.replace(/^node_modules\//, '')}:${line + 1}`;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const durationMs = (profile.endTime - profile.startTime) / 1000;
  const total = profile.samples.length || 1;
  const perSample = durationMs / total;

  /** The area of the nearest caller that has a script (for native frames). */
  const callerAreaOf = (id: number): string | undefined => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const { url, functionName } = byId.get(p)!.callFrame;
      if (url) return areaOf(url, functionName);
    }
    return undefined;
  };
  /** Two WebAssembly modules run here: PostgreSQL (PGlite) and Prisma's query compiler; the JS that calls in tells which. */
  const wasmModules = new Map<string, string>();
  const wasmArea = (url: string, id: number): string => {
    const known = wasmModules.get(url);
    if (known) return known;
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const caller = byId.get(p)!.callFrame;
      if (!caller.url || caller.url.startsWith('wasm://')) continue;
      const area = areaOf(caller.url, caller.functionName);
      const name = area.startsWith('Prisma')
        ? 'Prisma query compiler (WebAssembly)'
        : area.startsWith('PGlite')
          ? 'PGlite: PostgreSQL (WebAssembly)'
          : `WebAssembly called from ${area}`;
      wasmModules.set(url, name);
      return name;
    }
    return 'WebAssembly';
  };
  const selfCount = new Map<number, number>();
  for (const s of profile.samples) selfCount.set(s, (selfCount.get(s) ?? 0) + 1);

  const fnSelf = new Map<string, { fn: string; where: string; count: number }>();
  const areas = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, count] of selfCount) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += count;
      continue;
    }
    if (functionName === '(garbage collector)') gc += count;
    const area = url.startsWith('wasm://')
      ? wasmArea(url, id)
      : url || SPECIAL.has(functionName)
        ? areaOf(url, functionName)
        : nativeArea(functionName, callerAreaOf(id));
    areas.set(area, (areas.get(area) ?? 0) + count);
    if (SPECIAL.has(functionName)) continue;
    const key = `${functionName}|${url}|${lineNumber}`;
    const entry = fnSelf.get(key) ?? { fn: functionName || '(anonymous)', where: shortUrl(url, lineNumber), count: 0 };
    entry.count += count;
    fnSelf.set(key, entry);
  }

  // Inclusive time of API functions: walk each sample's stack once, counting each API function once.
  const inclusive = new Map<string, { fn: string; where: string; count: number }>();
  const stackCache = new Map<number, string[]>();
  const apiFramesOf = (leaf: number): string[] => {
    const cached = stackCache.get(leaf);
    if (cached) return cached;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (!url.includes('/api/dist/') || url.includes('/api/dist/generated/')) continue;
      const key = `${functionName}|${url}|${lineNumber}`;
      if (!seen.has(key)) {
        seen.add(key);
        if (!inclusive.has(key)) inclusive.set(key, { fn: functionName || '(anonymous)', where: shortUrl(url, lineNumber), count: 0 });
      }
    }
    const list = [...seen];
    stackCache.set(leaf, list);
    return list;
  };
  for (const [id, count] of selfCount) for (const key of apiFramesOf(id)) inclusive.get(key)!.count += count;

  const share = (c: number) => Math.round((c / total) * 1000) / 1000;
  const ms = (c: number) => Math.round(c * perSample);
  return {
    file: path.relative(ROOT, file),
    durationMs: Math.round(durationMs),
    busy: share(total - idle),
    gc: share(gc),
    topSelf: [...fnSelf.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, share: share(e.count), ms: ms(e.count) })),
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([area, c]) => ({ area, share: share(c), ms: ms(c) })),
    apiInclusive: [...inclusive.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, 12)
      .map((e) => ({ fn: e.fn, where: e.where, share: share(e.count), ms: ms(e.count) })),
  };
}

/** A few lines for the console. */
export function formatProfile(title: string, p: ProfileSummary): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(6);
  const lines = [
    `  CPU profile: ${title} (${p.durationMs} ms, main thread busy ${pct(p.busy).trim()}, GC ${pct(p.gc).trim()}) → ${p.file}`,
  ];
  lines.push(
    '    by area (self):      ' +
      p.byArea
        .slice(0, 6)
        .map((a) => `${a.area} ${pct(a.share).trim()}`)
        .join(' · '),
  );
  lines.push('    hottest (self):');
  for (const f of p.topSelf.slice(0, 10)) lines.push(`      ${pct(f.share)}  ${f.fn}  (${f.where})`);
  lines.push('    API paths (inclusive):');
  for (const f of p.apiInclusive.slice(0, 8)) lines.push(`      ${pct(f.share)}  ${f.fn}  (${f.where})`);
  return lines.join('\n');
}

/**
 * The share (0..1) of the busy samples whose stack holds the function `fn` of a script whose URL contains
 * `urlPart` (its inclusive time, as a share of the CPU the thread actually got), and how many samples that is.
 */
export function inclusiveShare(file: string, urlPart: string, fn: string): { share: number; samples: number } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const under = new Map<number, boolean>();
  const isUnder = (leaf: number): boolean => {
    const known = under.get(leaf);
    if (known !== undefined) return known;
    let found = false;
    for (let id: number | undefined = leaf; id !== undefined && !found; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      found = frame.functionName === fn && frame.url.includes(urlPart);
    }
    under.set(leaf, found);
    return found;
  };
  const busy = profile.samples.filter((id) => byId.get(id)!.callFrame.functionName !== '(idle)');
  const samples = busy.filter(isUnder).length;
  return { share: busy.length ? samples / busy.length : 0, samples };
}
