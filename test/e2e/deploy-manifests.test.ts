// Static checks of deploy/ against the app: no Docker or cluster needed. Every YAML file under deploy/ is
// parsed (multi-document aware); env var names, ports, health paths, entry points and the proxy are checked
// against api/src/config/config.ts, the tsconfig build outputs and the app's own paths. Each check collects
// problems as strings (so a failure says what is wrong), and the last block proves the checks catch mistakes.
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../api/src/config/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
// JSON, not structuredClone: YAML aliases come back as shared objects, and a mutation must hit one place only.
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// ---------------------------------------------------------------------------------------------------------------
// The app: env schema keys, default port, build outputs
// ---------------------------------------------------------------------------------------------------------------

/** Keys of `EnvSchema` in config.ts, read as text (zod drops unknown keys, so loadConfig alone cannot tell). */
function envSchemaKeys(source: string): Set<string> {
  const start = source.indexOf('const EnvSchema = z');
  const end = source.indexOf('.superRefine(', start);
  if (start < 0 || end < 0) throw new Error('EnvSchema not found in api/src/config/config.ts');
  return new Set([...source.slice(start, end).matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]));
}

const ENV_KEYS = envSchemaKeys(read('api/src/config/config.ts'));
const APP_PORT = loadConfig({}).port;

function stripJsonComments(text: string): string {
  return text.replace(/^\s*\/\/.*$/gm, '');
}

const escapeRegExp = (text: string) => [...text].map((ch) => ('\\^$.|?+()[]{}'.includes(ch) ? `\\${ch}` : ch)).join('');

// tsconfig `exclude` globs: a double star and slash match any folders, a single star stays within one name.
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('**/')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${body}$`);
}

/** Where `tsc -p api/tsconfig.build.json` writes the output of a source file, or why it would not. */
function buildOutputOf(sourceRel: string): { output?: string; problem?: string } {
  const base = JSON.parse(stripJsonComments(read('api/tsconfig.json')));
  const build = JSON.parse(stripJsonComments(read('api/tsconfig.build.json')));
  const { outDir, rootDir } = { ...base.compilerOptions, ...build.compilerOptions };
  if (!outDir || !rootDir) return { problem: 'api/tsconfig.json has no outDir/rootDir' };
  if (!fs.existsSync(path.join(ROOT, sourceRel))) return { problem: `${sourceRel} does not exist` };
  const inApi = path.relative('api', sourceRel);
  const excluded = ((build.exclude ?? base.exclude ?? []) as string[]).some((pattern) => globToRegExp(pattern).test(inApi));
  if (excluded) return { problem: `${sourceRel} is excluded from the build` };
  const relToRoot = path.relative(rootDir, inApi);
  if (relToRoot.startsWith('..')) return { problem: `${sourceRel} is outside rootDir ${rootDir}` };
  return { output: path.posix.join('api', outDir, relToRoot.replace(/\.ts$/, '.js')) };
}

const MAIN_JS = buildOutputOf('api/src/main.ts');
const MIGRATE_JS = buildOutputOf('api/src/migrate.ts');

// ---------------------------------------------------------------------------------------------------------------
// deploy/: YAML documents, compose interpolation
// ---------------------------------------------------------------------------------------------------------------

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const YAML_FILES = filesUnder(DEPLOY)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => path.relative(ROOT, f))
  .sort();

function parseYaml(rel: string): any[] {
  const docs = parseAllDocuments(read(rel), { merge: true });
  if (!Array.isArray(docs)) throw new Error(`${rel}: not a YAML stream`);
  for (const doc of docs) if (doc.errors.length) throw new Error(`${rel}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return docs.map((doc) => doc.toJS({ maxAliasCount: 1000 })).filter((d) => d !== null && d !== undefined);
}

const PARSED = new Map(YAML_FILES.map((rel) => [rel, parseYaml(rel)]));
const docsOf = (rel: string) => PARSED.get(rel) ?? [];
const COMPOSE = docsOf('deploy/compose.yaml')[0];

/** Values for compose's `${VAR:?…}` / `${VAR:-default}` as an operator would put them in deploy/.env. */
const OPERATOR_ENV: Record<string, string> = {
  AUTH_SECRET: 'x'.repeat(64),
  POSTGRES_PASSWORD: 'c2f1e0d9a8b7c6d5e4f3a2b1',
};

function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g, (_all, name: string, op: string | undefined, arg: string) => {
    if (vars[name] !== undefined && vars[name] !== '') return vars[name];
    if (op?.endsWith('-')) return arg;
    throw new Error(`\${${name}} is required and not set`);
  });
}

function composeVariables(text: string): Array<{ name: string; op?: string }> {
  return [...text.matchAll(/\$\{([A-Z0-9_]+)(:?[-?])?/g)].map((m) => ({ name: m[1], op: m[2] }));
}

/** `environment:` as a map, whether compose wrote it as a map or as a list of NAME=value. */
function environmentOf(service: any): Record<string, string> {
  const env = service?.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((line: string) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

const argv = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];

function durationSeconds(value: unknown): number {
  const text = String(value);
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    total += Number(n) * ({ ms: 0.001, s: 1, m: 60, h: 3600 }[unit] ?? 0);
  return /^\d+$/.test(text) ? Number(text) : total;
}

function memoryBytes(value: unknown): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]i?|[kmgt]b?)?$/.exec(String(value));
  if (!m) return NaN;
  const unit = (m[2] ?? '').toLowerCase().replace('b', '');
  const pow = { '': 0, k: 1, ki: 1, m: 2, mi: 2, g: 3, gi: 3, t: 4, ti: 4 }[unit] ?? NaN;
  return Number(m[1]) * (unit.endsWith('i') || unit.length === 1 ? 1024 : 1000) ** pow;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks (each returns the problems it found)
// ---------------------------------------------------------------------------------------------------------------

function unknownEnvNames(names: Iterable<string>, where: string): string[] {
  return [...names].filter((n) => !ENV_KEYS.has(n)).map((n) => `${where}: ${n} is not a variable of api/src/config/config.ts`);
}

function tryLoadConfig(env: Record<string, string>, where: string): { problems: string[]; config?: ReturnType<typeof loadConfig> } {
  try {
    return { problems: [], config: loadConfig(env) };
  } catch (error) {
    return { problems: [`${where}: loadConfig failed: ${(error as Error).message}`] };
  }
}

function appServiceNames(compose: any): string[] {
  return Object.entries(compose.services ?? {})
    .filter(([, s]: [string, any]) => s.build && path.posix.normalize(String(s.build.dockerfile ?? 'Dockerfile')) === 'deploy/Dockerfile')
    .map(([name]) => name)
    .sort();
}

function apiServiceNames(compose: any): string[] {
  return appServiceNames(compose).filter((n) => argv(compose.services[n].command).some((a) => a === MAIN_JS.output));
}

function checkCompose(compose: any): string[] {
  const problems: string[] = [];
  const services = compose?.services ?? {};
  const app = appServiceNames(compose);
  const apis = apiServiceNames(compose);
  if (JSON.stringify(apis) !== JSON.stringify(['api-1', 'api-2', 'api-3'])) problems.push(`API services are ${JSON.stringify(apis)}`);
  if (!String(services.postgres?.image).startsWith('postgres:16')) problems.push('postgres is not PostgreSQL 16');
  if (!String(services.redis?.image).startsWith('redis:7')) problems.push('redis is not Redis 7');
  if (!/--appendonly yes/.test(argv(services.redis?.command).join(' '))) problems.push('redis runs without appendonly');

  for (const name of app) {
    const s = services[name];
    const context = path.resolve(DEPLOY, String(s.build.context ?? '.'));
    if (context !== ROOT) problems.push(`${name}: build context ${context} is not the repository root`);
    const env = environmentOf(s);
    problems.push(...unknownEnvNames(Object.keys(env), `compose ${name}`));
    let resolved: Record<string, string> = {};
    try {
      resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v, OPERATOR_ENV)]));
    } catch (error) {
      problems.push(`compose ${name}: ${(error as Error).message}`);
    }
    const { problems: p, config } = tryLoadConfig(resolved, `compose ${name}`);
    problems.push(...p);
    if (config) {
      if (!config.production) problems.push(`compose ${name}: NODE_ENV is not production`);
      if (!config.databaseUrl?.includes('@postgres:'))
        problems.push(`compose ${name}: DATABASE_URL does not point at the postgres service`);
      if (config.port !== APP_PORT) problems.push(`compose ${name}: PORT ${config.port} is not the app's ${APP_PORT}`);
      if (apis.includes(name) && !config.redisUrl?.includes('//redis:'))
        problems.push(`compose ${name}: REDIS_URL does not point at the redis service`);
      if (apis.includes(name) && config.instanceId !== name) problems.push(`compose ${name}: INSTANCE_ID is ${config.instanceId}`);
    }
    if (/\$\{AUTH_SECRET(?!:\?)/.test(String(s.environment?.AUTH_SECRET ?? '')))
      problems.push(`compose ${name}: AUTH_SECRET must be required (\${AUTH_SECRET:?…})`);
  }

  const migrate = services.migrate;
  if (!migrate || !argv(migrate.command).includes(MIGRATE_JS.output ?? '?')) problems.push(`migrate does not run ${MIGRATE_JS.output}`);
  if (migrate?.depends_on?.postgres?.condition !== 'service_healthy') problems.push('migrate does not wait for a healthy postgres');
  if (migrate && migrate.restart !== 'no') problems.push('migrate must not restart (one-shot)');

  for (const name of apis) {
    const s = services[name];
    if (s.depends_on?.migrate?.condition !== 'service_completed_successfully')
      problems.push(`${name}: does not wait for migrate to complete`);
    if (s.depends_on?.redis?.condition !== 'service_healthy') problems.push(`${name}: does not wait for a healthy redis`);
    const check = argv(s.healthcheck?.test).join(' ');
    if (!check.includes(`:${APP_PORT}/api/health`)) problems.push(`${name}: healthcheck does not hit :${APP_PORT}/api/health`);
    if (!(durationSeconds(s.stop_grace_period) >= 10)) problems.push(`${name}: stop_grace_period ${s.stop_grace_period} is too short`);
    if (s.ports) problems.push(`${name}: publishes ports; only the proxy should`);
  }
  for (const name of ['postgres', 'redis']) if (services[name]?.ports) problems.push(`${name}: publishes ports`);
  if (!services.postgres?.healthcheck) problems.push('postgres has no healthcheck');
  if (!services.redis?.healthcheck) problems.push('redis has no healthcheck');

  const nginx = services.nginx;
  if (!String(nginx?.image).startsWith('nginx:')) problems.push('no nginx service');
  if (!argv(nginx?.ports).some((p) => /(^|:)8080:8080$/.test(interpolate(p, {})))) problems.push('nginx is not published on 8080');
  const mounts = (nginx?.volumes ?? []).map(String);
  if (!mounts.some((m: string) => m.startsWith('./nginx/linggong.conf:'))) problems.push('nginx does not mount nginx/linggong.conf');
  for (const m of mounts) {
    const src = m.split(':')[0];
    if (src.startsWith('.') && !fs.existsSync(path.resolve(DEPLOY, src))) problems.push(`nginx mounts missing ${src}`);
  }
  return problems;
}

// nginx: a small parser into directives and blocks -------------------------------------------------------------

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

function parseNginx(text: string): Directive[] {
  const tokens: string[] = [];
  const re = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"'#]+)/g;
  for (const m of text.matchAll(re)) {
    if (m[0].startsWith('#')) continue;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  let i = 0;
  const block = (): Directive[] => {
    const out: Directive[] = [];
    while (i < tokens.length && tokens[i] !== '}') {
      const words: string[] = [];
      while (i < tokens.length && tokens[i] !== ';' && tokens[i] !== '{' && tokens[i] !== '}') words.push(tokens[i++]);
      if (tokens[i] === '{') {
        i++;
        out.push({ name: words[0], args: words.slice(1), block: block() });
        if (tokens[i++] !== '}') throw new Error('nginx: unbalanced braces');
      } else if (tokens[i] === ';') {
        i++;
        out.push({ name: words[0], args: words.slice(1) });
      } else throw new Error(`nginx: missing ";" after ${words.join(' ')}`);
    }
    return out;
  };
  const top = block();
  if (i !== tokens.length) throw new Error('nginx: unbalanced braces');
  return top;
}

const all = (ds: Directive[] | undefined, name: string) => (ds ?? []).filter((d) => d.name === name);
const one = (ds: Directive[] | undefined, name: string) => all(ds, name)[0];

function checkNginx(conf: Directive[], apiServices: string[]): string[] {
  const problems: string[] = [];
  const upstream = one(conf, 'upstream');
  if (!upstream) return ['no upstream block'];
  const name = upstream.args[0];
  const servers = all(upstream.block, 'server').map((d) => ({
    host: d.args[0].split(':')[0],
    port: Number(d.args[0].split(':')[1]),
    args: d.args,
  }));
  if (JSON.stringify(servers.map((s) => s.host).sort()) !== JSON.stringify([...apiServices].sort()))
    problems.push(`upstream servers ${servers.map((s) => s.host).join(',')} are not the compose API services ${apiServices.join(',')}`);
  for (const s of servers) {
    if (s.port !== APP_PORT) problems.push(`upstream ${s.host} uses port ${s.port}, not ${APP_PORT}`);
    if (!s.args.some((a) => a.startsWith('max_fails='))) problems.push(`upstream ${s.host} has no max_fails (passive health)`);
  }
  if (!one(upstream.block, 'least_conn')) problems.push('upstream is not least_conn');

  const servers_ = all(conf, 'server');
  if (!servers_.some((s) => all(s.block, 'listen').some((l) => l.args[0] === '8080' || l.args[0].endsWith(':8080'))))
    problems.push('no server listens on 8080');
  const locations = servers_.flatMap((s) => all(s.block, 'location'));
  const proxied = locations.filter((l) => one(l.block, 'proxy_pass'));
  const serverLevelHeaders = servers_.flatMap((s) => all(s.block, 'proxy_set_header'));

  for (const l of proxied) {
    const where = `location ${l.args.join(' ')}`;
    if (one(l.block, 'proxy_pass').args[0] !== `http://${name}`) problems.push(`${where}: proxy_pass is not http://${name}`);
    // proxy_set_header in a location replaces every inherited one: each proxied location must set its own.
    const headers = all(l.block, 'proxy_set_header').length ? all(l.block, 'proxy_set_header') : serverLevelHeaders;
    const xff = headers.find((h) => h.args[0].toLowerCase() === 'x-forwarded-for');
    if (xff?.args[1] !== '$proxy_add_x_forwarded_for') problems.push(`${where}: X-Forwarded-For is not $proxy_add_x_forwarded_for`);
  }

  const io = locations.find((l) => l.args.join(' ') === '/socket.io/');
  if (!io) problems.push('no location /socket.io/');
  else {
    const header = (h: string) => all(io.block, 'proxy_set_header').find((d) => d.args[0].toLowerCase() === h)?.args[1];
    const httpVersion = one(io.block, 'proxy_http_version') ?? servers_.map((s) => one(s.block, 'proxy_http_version')).find(Boolean);
    if (httpVersion?.args[0] !== '1.1') problems.push('/socket.io/: proxy_http_version is not 1.1');
    if (header('upgrade') !== '$http_upgrade') problems.push('/socket.io/: Upgrade header is not $http_upgrade');
    const connection = header('connection');
    const map = all(conf, 'map').find((m) => m.args[1] === connection);
    const mapsUpgrade = map?.args[0] === '$http_upgrade' && map.block?.some((d) => d.name === 'default' && d.args[0] === 'upgrade');
    if (connection !== 'upgrade' && !mapsUpgrade) problems.push('/socket.io/: Connection header does not carry "upgrade"');
    const readTimeout = one(io.block, 'proxy_read_timeout');
    if (!readTimeout || durationSeconds(readTimeout.args[0]) < 300) problems.push('/socket.io/: proxy_read_timeout is missing or short');
  }

  const gzipTypes = all(conf, 'gzip_types').flatMap((d) => d.args);
  if (one(conf, 'gzip')?.args[0] !== 'on') problems.push('gzip is off');
  for (const t of ['application/javascript', 'text/css', 'application/json'])
    if (!gzipTypes.includes(t)) problems.push(`gzip_types lacks ${t}`);

  // Caching must follow the app's Cache-Control: no forced lifetimes, no ignored headers, and never the API.
  const everywhere = (n: string) => [
    ...all(conf, n),
    ...servers_.flatMap((s) => all(s.block, n)),
    ...locations.flatMap((l) => all(l.block, n)),
  ];
  if (everywhere('proxy_cache_valid').length) problems.push("proxy_cache_valid overrides the app's Cache-Control");
  if (everywhere('proxy_ignore_headers').length) problems.push("proxy_ignore_headers ignores the app's Cache-Control");
  for (const l of locations.filter(
    (l) => /^(\/api\/|\/socket\.io\/)/.test(l.args.at(-1) ?? '') || l.args.join(' ') === '= /api/auth/code',
  )) {
    const cache = one(l.block, 'proxy_cache');
    if (cache && cache.args[0] !== 'off') problems.push(`location ${l.args.join(' ')} is cached`);
  }
  if (
    !locations.some(
      (l) => one(l.block, 'proxy_cache') && one(l.block, 'proxy_cache').args[0] !== 'off' && /board|\bm\b/.test(l.args.join(' ')),
    )
  )
    problems.push('the front ends (/board/, /m/) are not cached');
  return problems;
}

// Dockerfile ----------------------------------------------------------------------------------------------------

interface DockerInstruction {
  op: string;
  rest: string;
}

function parseDockerfile(text: string): DockerInstruction[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  return lines
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ op: l.split(/\s+/)[0].toUpperCase(), rest: l.slice(l.split(/\s+/)[0].length).trim() }));
}

function checkDockerfile(text: string): string[] {
  const problems: string[] = [];
  const ins = parseDockerfile(text);
  const args = Object.fromEntries(ins.filter((i) => i.op === 'ARG' && i.rest.includes('=')).map((i) => i.rest.split('=')));
  const froms = ins
    .filter((i) => i.op === 'FROM')
    .map((i) => i.rest.split(/\s+/)[0].replace(/^\$\{?(\w+)\}?$/, (_m, a: string) => args[a] ?? a));
  if (froms.length < 2) problems.push('not multi-stage');
  for (const f of froms) if (f !== 'node:20-bookworm-slim') problems.push(`base image ${f} is not node:20-bookworm-slim`);
  const runs = ins.filter((i) => i.op === 'RUN').map((i) => i.rest);
  if (!runs.some((r) => /\bnpm ci\b/.test(r))) problems.push('no npm ci');
  if (!runs.some((r) => /\bnpm run build\b/.test(r))) problems.push('no npm run build');
  if (!runs.some((r) => /--omit=dev|npm prune/.test(r))) problems.push('dev dependencies are not pruned');

  // Every workspace's package.json is copied before `npm ci`, or npm ci cannot install the workspaces.
  const workspaces: string[] = JSON.parse(read('package.json')).workspaces ?? [];
  const firstCi = ins.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.rest));
  const copiedBefore = ins
    .slice(0, firstCi)
    .filter((i) => i.op === 'COPY')
    .map((i) => i.rest);
  for (const ws of ['.', ...workspaces]) {
    const manifest = ws === '.' ? 'package.json' : `${ws}/package.json`;
    if (!copiedBefore.some((c) => c.split(/\s+/).includes(manifest))) problems.push(`${manifest} is not copied before npm ci`);
  }

  const lastFrom = ins.map((i) => i.op).lastIndexOf('FROM');
  const final = ins.slice(lastFrom);
  const finalOf = (op: string) => final.filter((i) => i.op === op).map((i) => i.rest);
  if (finalOf('USER').at(-1) !== 'node') problems.push('the runtime stage does not run as node');
  if (!finalOf('EXPOSE').some((e) => e.split(/\s+/).includes(String(APP_PORT)))) problems.push(`EXPOSE is not ${APP_PORT}`);
  const health = finalOf('HEALTHCHECK').join(' ');
  if (!/\bfetch\(/.test(health) || !health.includes('/api/health')) problems.push('HEALTHCHECK does not fetch /api/health');
  const cmd = finalOf('CMD').at(-1);
  let cmdArgv: string[] = [];
  try {
    cmdArgv = JSON.parse(cmd ?? '[]');
  } catch {
    problems.push('CMD is not in exec (JSON) form');
  }
  if (JSON.stringify(cmdArgv) !== JSON.stringify(['node', MAIN_JS.output])) problems.push(`CMD is ${cmd}, not node ${MAIN_JS.output}`);

  // The runtime stage carries what the app reads from disk next to api/dist.
  const copies = finalOf('COPY').join('\n');
  const needed = ['api/dist', 'packages/protocol/dist', 'node_modules', 'prisma/migrations', 'board/dist', 'mobile-web/dist'];
  for (const n of needed) if (!copies.includes(`/app/${n}`)) problems.push(`the runtime stage does not copy ${n}`);
  return problems;
}

/** The app still reads these from where the image puts them. */
function checkAppPaths(): string[] {
  const problems: string[] = [];
  if (!read('api/src/database/database.ts').includes("'../../../prisma/migrations'"))
    problems.push('database.ts no longer reads prisma/migrations');
  const app = read('api/src/app.ts');
  for (const dir of ['board/dist', 'mobile-web/dist']) if (!app.includes(`'${dir}'`)) problems.push(`app.ts no longer serves ${dir}`);
  return problems;
}

function checkDockerignore(text: string): string[] {
  const problems: string[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const workspaces: string[] = JSON.parse(read('package.json')).workspaces ?? [];
  if (lines.includes('*')) {
    for (const need of ['package.json', 'package-lock.json', 'prisma', 'prisma.config.ts', 'tsconfig.base.json', ...workspaces])
      if (!lines.includes(`!${need}`)) problems.push(`the build context leaves out ${need}`);
  }
  if (!lines.some((l) => /^(\*\*\/)?node_modules$/.test(l))) problems.push('node_modules is sent to the builder');
  return problems;
}

// Kubernetes ----------------------------------------------------------------------------------------------------

const K8S_DIR = 'deploy/k8s';
const k8sFiles = () => YAML_FILES.filter((f) => f.startsWith(`${K8S_DIR}/`));
const K8S = k8sFiles()
  .filter((f) => !f.endsWith('kustomization.yaml'))
  .flatMap((f) => docsOf(f).map((doc) => ({ file: f, doc })));
const byKind = (docs: typeof K8S, kind: string) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);

function portNumber(container: any, port: unknown): number {
  if (typeof port === 'number') return port;
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort ?? NaN;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

function checkKubernetes(docs: typeof K8S, kustomization: any): string[] {
  const problems: string[] = [];
  const single = (kind: string) => {
    const found = byKind(docs, kind);
    if (found.length !== 1) problems.push(`expected one ${kind}, found ${found.length}`);
    return found[0] ?? {};
  };
  const ns = single('Namespace');
  const cm = single('ConfigMap');
  const secret = single('Secret');
  const job = single('Job');
  const deploy = single('Deployment');
  const svc = single('Service');
  const hpa = single('HorizontalPodAutoscaler');
  const pdb = single('PodDisruptionBudget');
  const ingress = single('Ingress');

  // kustomization ties every manifest together, except the Secret template.
  const resources: string[] = kustomization?.resources ?? [];
  for (const r of resources) if (!fs.existsSync(path.join(ROOT, K8S_DIR, r))) problems.push(`kustomization lists missing ${r}`);
  for (const f of k8sFiles().map((f) => path.relative(K8S_DIR, f))) {
    if (f === 'kustomization.yaml') continue;
    if (f === 'secret.example.yaml' && resources.includes(f)) problems.push('kustomization applies the Secret template');
    if (f !== 'secret.example.yaml' && !resources.includes(f)) problems.push(`kustomization does not list ${f}`);
  }
  if (kustomization?.namespace !== ns.metadata?.name) problems.push('kustomization namespace is not the Namespace');

  // ConfigMap + Secret: names the app knows, values it accepts.
  const cmData: Record<string, string> = cm.data ?? {};
  const secretData: Record<string, string> = { ...(secret.stringData ?? {}) };
  problems.push(...unknownEnvNames(Object.keys(cmData), 'ConfigMap'), ...unknownEnvNames(Object.keys(secretData), 'Secret'));
  for (const k of ['PORT', 'LOG_LEVEL', 'NODE_ENV', 'PRESENCE_GRACE_S']) if (!(k in cmData)) problems.push(`ConfigMap lacks ${k}`);
  if (!Object.keys(cmData).some((k) => k.startsWith('DISPATCH_'))) problems.push('ConfigMap has no DISPATCH_* settings');
  for (const k of ['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET']) {
    if (!(k in secretData)) problems.push(`Secret template lacks ${k}`);
    else if (!secretData[k].includes('REPLACE_ME')) problems.push(`Secret template ${k} is not a REPLACE_ME placeholder`);
    if (k in cmData) problems.push(`ConfigMap holds the secret ${k}`);
  }
  if (secret.data && Object.keys(secret.data).length) problems.push('Secret template has base64 data (use stringData placeholders)');

  const pod = deploy.spec?.template?.spec ?? {};
  const container = (pod.containers ?? [])[0] ?? {};
  const envNames = (container.env ?? []).map((e: any) => e.name);
  problems.push(...unknownEnvNames(envNames, 'Deployment env'));
  const podEnv: Record<string, string> = { ...cmData, ...secretData, INSTANCE_ID: 'linggong-api-7d9f8-abcde' };
  const { problems: p, config } = tryLoadConfig(podEnv, 'ConfigMap + Secret');
  problems.push(...p);
  if (config) {
    if (!config.production) problems.push('ConfigMap: NODE_ENV is not production');
    if (!config.databaseUrl || !config.redisUrl) problems.push('ConfigMap + Secret: DATABASE_URL and REDIS_URL must both be set');
    if (config.port !== APP_PORT) problems.push(`ConfigMap PORT ${config.port} is not the app's ${APP_PORT}`);
  }

  const refs = (c: any) => (c.envFrom ?? []).map((e: any) => e.configMapRef?.name ?? e.secretRef?.name);
  for (const [what, c] of [
    ['Deployment', container],
    ['Job', (job.spec?.template?.spec?.containers ?? [])[0] ?? {}],
  ] as const) {
    for (const name of [cm.metadata?.name, secret.metadata?.name])
      if (!refs(c).includes(name)) problems.push(`${what} does not load ${name}`);
  }

  // Deployment: port, probes, entry point, image, shutdown, security, size.
  const http = (container.ports ?? []).find((p: any) => p.containerPort === APP_PORT);
  if (!http) problems.push(`Deployment has no containerPort ${APP_PORT}`);
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const pr = container[probe];
    if (!pr && probe === 'startupProbe') continue;
    if (pr?.httpGet?.path !== '/api/health') problems.push(`${probe} is not on /api/health`);
    if (portNumber(container, pr?.httpGet?.port) !== APP_PORT) problems.push(`${probe} is not on port ${APP_PORT}`);
  }
  const runs = [...argv(container.command), ...argv(container.args)];
  if (!runs.includes(MAIN_JS.output ?? '?')) problems.push(`Deployment does not run ${MAIN_JS.output}`);
  const jobContainer = (job.spec?.template?.spec?.containers ?? [])[0] ?? {};
  if (![...argv(jobContainer.command), ...argv(jobContainer.args)].includes(MIGRATE_JS.output ?? '?'))
    problems.push(`Job does not run ${MIGRATE_JS.output}`);
  if (job.spec?.template?.spec?.restartPolicy !== 'Never' && job.spec?.template?.spec?.restartPolicy !== 'OnFailure')
    problems.push('Job restartPolicy');
  if (!container.image || container.image !== jobContainer.image)
    problems.push(`Deployment image ${container.image} is not the Job image ${jobContainer.image}`);
  if (!kustomization?.images?.some((i: any) => String(container.image).startsWith(`${i.name}:`) || container.image === i.name))
    problems.push('kustomization images does not pin the app image');

  const preStop = argv(container.lifecycle?.preStop?.exec?.command);
  const sleepS = preStop[0] === 'sleep' ? Number(preStop[1]) : NaN;
  if (!(sleepS >= 5)) problems.push('no preStop sleep before SIGTERM');
  if (!(pod.terminationGracePeriodSeconds > sleepS + 10))
    problems.push('terminationGracePeriodSeconds leaves no time after the preStop sleep');
  const sc = { ...pod.securityContext, ...container.securityContext };
  if (sc.runAsNonRoot !== true) problems.push('Deployment may run as root');
  if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push('root filesystem is writable');
  if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push('privilege escalation allowed');
  const tmp = (container.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
  if (!tmp || !(pod.volumes ?? []).some((v: any) => v.name === tmp.name && v.emptyDir)) problems.push('/tmp is not an emptyDir');

  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  if (String(limits.cpu) !== '2') problems.push(`cpu limit ${limits.cpu} is not 2 CPUs`);
  if (!requests.cpu || !requests.memory) problems.push('no cpu/memory requests (the HPA needs the cpu request)');
  const heapMb = Number(/--max-old-space-size=(\d+)/.exec(runs.join(' '))?.[1] ?? NaN);
  const limitBytes = memoryBytes(limits.memory);
  const socketsHeap = 20_000 * 12 * 1024;
  if (!(limitBytes >= socketsHeap * 4)) problems.push(`memory limit ${limits.memory} is small for 20,000 sockets`);
  if (!(heapMb * 1024 * 1024 > socketsHeap && heapMb * 1024 * 1024 < limitBytes * 0.8))
    problems.push(`--max-old-space-size=${heapMb} does not fit 20,000 sockets below the memory limit`);

  // Replicas, HPA, PDB, Service, Ingress agree.
  const podLabels = deploy.spec?.template?.metadata?.labels;
  if (!matches(deploy.spec?.selector?.matchLabels, podLabels)) problems.push('Deployment selector does not match its pods');
  if (deploy.spec?.replicas !== hpa.spec?.minReplicas)
    problems.push(`replicas ${deploy.spec?.replicas} != HPA minReplicas ${hpa.spec?.minReplicas}`);
  if (hpa.spec?.minReplicas !== 3 || hpa.spec?.maxReplicas !== 20) problems.push('HPA is not 3..20');
  if (hpa.spec?.scaleTargetRef?.kind !== 'Deployment' || hpa.spec?.scaleTargetRef?.name !== deploy.metadata?.name)
    problems.push('HPA does not scale the Deployment');
  if (!(hpa.spec?.metrics ?? []).some((m: any) => m.resource?.name === 'cpu')) problems.push('HPA is not CPU-based');
  if (!matches(pdb.spec?.selector?.matchLabels, podLabels)) problems.push('PDB does not select the API pods');
  if (!matches(svc.spec?.selector, podLabels)) problems.push('Service does not select the API pods');
  const svcPort = (svc.spec?.ports ?? [])[0] ?? {};
  if (portNumber(container, svcPort.targetPort) !== APP_PORT) problems.push('Service targetPort is not the app port');
  const backend = ingress.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service;
  if (backend?.name !== svc.metadata?.name) problems.push('Ingress does not route to the Service');
  if (!(svc.spec?.ports ?? []).some((p: any) => p.name === backend?.port?.name || p.port === backend?.port?.number))
    problems.push('Ingress port is not a Service port');
  const timeout = Number(ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']);
  if (!(timeout >= 300)) problems.push('Ingress proxy-read-timeout is missing or short for WebSockets');
  if (ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/affinity']) problems.push('Ingress sets session affinity (not needed)');
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------------

describe('deploy/ agrees with the app', () => {
  test('the app side: env schema keys, default port and entry points are found', () => {
    expect([...ENV_KEYS]).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET', 'INSTANCE_ID', 'NODE_ENV']));
    expect(APP_PORT).toBe(3000);
    expect(MAIN_JS).toEqual({ output: 'api/dist/main.js' });
    expect(MIGRATE_JS).toEqual({ output: 'api/dist/migrate.js' });
    expect(read('package.json')).toContain('"migrate": "node api/dist/migrate.js"');
  });

  test('every YAML file under deploy/ parses', () => {
    expect(YAML_FILES).toEqual(
      expect.arrayContaining([
        'deploy/compose.yaml',
        'deploy/k8s/kustomization.yaml',
        'deploy/k8s/deployment.yaml',
        'deploy/k8s/secret.example.yaml',
      ]),
    );
    expect(YAML_FILES.filter((f) => docsOf(f).length === 0)).toEqual([]);
    expect(K8S.filter((d) => !d.doc.apiVersion || !d.doc.kind || !d.doc.metadata?.name).map((d) => d.file)).toEqual([]);
  });

  test('compose: services, env names, config, health, order of start', () => {
    expect(checkCompose(COMPOSE)).toEqual([]);
  });

  test('compose: every ${VAR} is documented in deploy/.env.example and AUTH_SECRET is required', () => {
    const text = read('deploy/compose.yaml');
    const documented = new Set([...read('deploy/.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const used = composeVariables(text);
    expect(used.filter((v) => !documented.has(v.name)).map((v) => v.name)).toEqual([]);
    expect(used.filter((v) => v.name === 'AUTH_SECRET').every((v) => v.op === ':?')).toBe(true);
    expect(used.some((v) => v.name === 'AUTH_SECRET')).toBe(true);
  });

  test('nginx: upstream of the compose API services, WebSocket upgrade, forwarding, gzip, caching', () => {
    const conf = parseNginx(read('deploy/nginx/linggong.conf'));
    expect(checkNginx(conf, apiServiceNames(COMPOSE))).toEqual([]);
    const main = parseNginx(read('deploy/nginx/nginx.conf'));
    expect(all(one(main, 'http')?.block, 'include').map((d) => d.args[0])).toContain('/etc/nginx/conf.d/*.conf');
    expect(COMPOSE.services.nginx.volumes).toContain('./nginx/linggong.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  test('Dockerfile: node 20 slim, build, prune, non-root, port, health, entry point', () => {
    expect(checkDockerfile(read('deploy/Dockerfile'))).toEqual([]);
    expect(checkAppPaths()).toEqual([]);
    expect(checkDockerignore(read('deploy/Dockerfile.dockerignore'))).toEqual([]);
  });

  test('Kubernetes: env names, config, probes, image, replicas, HPA, PDB, Service, Ingress', () => {
    expect(checkKubernetes(K8S, docsOf(`${K8S_DIR}/kustomization.yaml`)[0])).toEqual([]);
  });
});

describe('the checks catch mistakes', () => {
  const kustomization = docsOf(`${K8S_DIR}/kustomization.yaml`)[0];
  const mutateK8s = (kind: string, change: (doc: any) => void) => {
    const docs = clone(K8S);
    for (const d of docs) if (d.doc.kind === kind) change(d.doc);
    return checkKubernetes(docs, kustomization);
  };
  const mutateCompose = (change: (compose: any) => void) => {
    const compose = clone(COMPOSE);
    change(compose);
    return checkCompose(compose);
  };
  const nginxText = read('deploy/nginx/linggong.conf');

  test('an env var name the app does not know', () => {
    expect(mutateK8s('ConfigMap', (cm) => (cm.data.DISPATCH_TTL_S = '45'))).toContain(
      'ConfigMap: DISPATCH_TTL_S is not a variable of api/src/config/config.ts',
    );
    expect(mutateK8s('Deployment', (d) => d.spec.template.spec.containers[0].env.push({ name: 'REDIS_HOST', value: 'x' }))).toHaveLength(1);
    expect(mutateCompose((c) => (c.services['api-2'].environment.DATABASE_URI = 'postgres://x'))).toContain(
      'compose api-2: DATABASE_URI is not a variable of api/src/config/config.ts',
    );
  });

  test('a value the app rejects, or a real-looking secret', () => {
    expect(mutateK8s('ConfigMap', (cm) => (cm.data.DISPATCH_FANOUT = '0'))[0]).toMatch(/loadConfig failed/);
    expect(mutateK8s('Secret', (s) => (s.stringData.AUTH_SECRET = 'REPLACE_ME_short'))[0]).toMatch(/AUTH_SECRET/);
    expect(mutateK8s('Secret', (s) => (s.stringData.REDIS_URL = 'redis://10.0.0.5:6379'))).toEqual([
      'Secret template REDIS_URL is not a REPLACE_ME placeholder',
    ]);
    expect(mutateCompose((c) => delete c.services['api-1'].environment.AUTH_SECRET)[0]).toMatch(/AUTH_SECRET: is required in production/);
  });

  test('ports, probes, entry points and images that do not match', () => {
    expect(mutateK8s('Deployment', (d) => (d.spec.template.spec.containers[0].ports[0].containerPort = 8080))).toEqual(
      expect.arrayContaining(['Deployment has no containerPort 3000', 'readinessProbe is not on port 3000']),
    );
    expect(mutateK8s('Deployment', (d) => (d.spec.template.spec.containers[0].livenessProbe.httpGet.path = '/health'))).toEqual([
      'livenessProbe is not on /api/health',
    ]);
    expect(mutateK8s('Job', (j) => (j.spec.template.spec.containers[0].image = 'registry.example.com/linggong/api:0.0.9'))[0]).toMatch(
      /is not the Job image/,
    );
    expect(mutateK8s('Job', (j) => (j.spec.template.spec.containers[0].args = ['node', 'api/dist/main.js']))).toEqual([
      'Job does not run api/dist/migrate.js',
    ]);
    expect(mutateK8s('HorizontalPodAutoscaler', (h) => (h.spec.minReplicas = 2))).toEqual(
      expect.arrayContaining(['replicas 3 != HPA minReplicas 2', 'HPA is not 3..20']),
    );
    expect(mutateK8s('Service', (s) => (s.spec.selector = { app: 'other' }))).toEqual(['Service does not select the API pods']);
    expect(mutateCompose((c) => (c.services['api-3'].healthcheck.test = ['CMD', 'true']))).toEqual([
      'api-3: healthcheck does not hit :3000/api/health',
    ]);
    expect(mutateCompose((c) => (c.services.migrate.command = ['node', 'api/dist/main.js']))).toContain(
      'migrate does not run api/dist/migrate.js',
    );
  });

  test('a proxy without upgrade headers or with the wrong upstream', () => {
    const noUpgrade = nginxText.replace('proxy_set_header Upgrade $http_upgrade;', '');
    expect(checkNginx(parseNginx(noUpgrade), ['api-1', 'api-2', 'api-3'])).toEqual(['/socket.io/: Upgrade header is not $http_upgrade']);
    expect(checkNginx(parseNginx(nginxText), ['api-1', 'api-2'])[0]).toMatch(/are not the compose API services/);
    const noXff = nginxText.replace(/(location \/api\/ \{[\s\S]*?)proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/, '$1');
    expect(checkNginx(parseNginx(noXff), ['api-1', 'api-2', 'api-3'])).toEqual([
      'location /api/: X-Forwarded-For is not $proxy_add_x_forwarded_for',
    ]);
    const forced = nginxText.replace('proxy_cache_lock on;', 'proxy_cache_lock on; proxy_cache_valid 200 10m;');
    expect(checkNginx(parseNginx(forced), ['api-1', 'api-2', 'api-3'])).toEqual(["proxy_cache_valid overrides the app's Cache-Control"]);
    expect(() => parseNginx('server { listen 8080 }')).toThrow();
  });

  test('a Dockerfile that runs something else, or as root', () => {
    const text = read('deploy/Dockerfile');
    expect(checkDockerfile(text.replace('CMD ["node", "api/dist/main.js"]', 'CMD ["node", "api/src/main.ts"]'))[0]).toMatch(/^CMD is/);
    expect(checkDockerfile(text.replace(/^USER node$/m, ''))).toEqual(['the runtime stage does not run as node']);
    expect(checkDockerfile(text.replace(/^COPY mobile-web\/package\.json.*$/m, ''))).toEqual([
      'mobile-web/package.json is not copied before npm ci',
    ]);
    expect(buildOutputOf('api/src/nonexistent.ts').problem).toMatch(/does not exist/);
    expect(buildOutputOf('api/src/config/config.spec.ts').problem).toMatch(/excluded/);
  });
});
