/**
 * `npm run simulate -- [options]`: plays a day at Lanzhou's gig markets against the API.
 *
 *   --url URL        a running API; without it the simulator starts one (api/dist/main.js, throwaway PGlite,
 *                    demo markets, dispatch timings scaled to --speed) and reads its database at the end
 *   --speed N        simulated seconds per real second (default 60: a simulated minute per second)
 *   --workers N      workers (default 300); --employers N (default workers/12); --shifts N per day (default workers×0.17)
 *   --from H         hour the simulated day starts (default 4); --hours N its length (default 14: 4:00–18:00)
 *   --warm           the day opens in full swing: workers who would have come before --from are already waiting,
 *                    the first shift goes up at once
 *   --days N         days in a row, the same workers coming back (default 1); --loop: forever
 *   --seed N         seed of every random choice (default 1)
 *   --out FILE       the JSON report (default test/artifacts/simulation.json; none with --loop)
 *   --demo           the live demo preset (npm start -- --demo): --speed 30 --workers 300 --employers 20 --shifts 80
 *                    --from 6 --hours 3 --warm --loop (the 6:00–9:00 rush every 6 minutes, workers already waiting,
 *                    a shift every few seconds), refused when NODE_ENV=production
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseCounts, startEmbeddedApi, type EmbeddedApi } from './embedded.js';
import { checksOf, formatReport, type SimReport } from './report.js';
import { dispatchEnvFor, employerPhonePrefix, Simulation, type SimOptions } from './simulator.js';

const DEMO_ARGS = [
  '--speed',
  '30',
  '--workers',
  '300',
  '--employers',
  '20',
  '--shifts',
  '80',
  '--from',
  '6',
  '--hours',
  '3',
  '--warm',
  '--loop',
];

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'linggong') return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

function parse(argv: string[]) {
  const demo = argv.includes('--demo');
  const { values } = parseArgs({
    args: demo ? [...DEMO_ARGS, ...argv] : argv,
    options: {
      url: { type: 'string' },
      speed: { type: 'string', default: '60' },
      workers: { type: 'string', default: '300' },
      employers: { type: 'string' },
      shifts: { type: 'string' },
      from: { type: 'string', default: '4' },
      hours: { type: 'string', default: '14' },
      days: { type: 'string', default: '1' },
      loop: { type: 'boolean', default: false },
      warm: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      demo: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const n = (name: string, v: string | undefined, min: number, max: number) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x < min || x > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return x;
  };
  return {
    help: values.help,
    demo,
    url: values.url,
    quiet: values.quiet,
    loop: values.loop,
    warm: values.warm,
    out: values.out,
    speed: n('speed', values.speed, 0.1, 3600)!,
    workers: Math.round(n('workers', values.workers, 1, 9999)!),
    employers: n('employers', values.employers, 1, 9999),
    shifts: n('shifts', values.shifts, 1, 100_000),
    fromHour: n('from', values.from, 0, 23)!,
    hours: n('hours', values.hours, 0.1, 24)!,
    days: values.loop ? Infinity : Math.round(n('days', values.days, 1, 365)!),
    seed: Math.round(n('seed', values.seed, 0, 2 ** 31)!),
  };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (args.help) {
    console.log(
      fs
        .readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .match(/\/\*\*([\s\S]*?)\*\//)?.[1]
        .replace(/^ \* ?/gm, '') ?? '',
    );
    return 0;
  }
  if (args.demo && process.env.NODE_ENV === 'production') {
    console.error('The demo simulation never runs in production (NODE_ENV=production).');
    return 2;
  }
  const root = repoRoot();
  const prefix = args.demo ? '[simulator] ' : '';
  const say = (line: string) => console.log(`${prefix}${line}`);

  // Stop cleanly: the first signal ends the day early and reports, a second one exits at once.
  const stop = new AbortController();
  let signals = 0;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      signals += 1;
      if (signals > 1 || args.demo) process.exit(130);
      say('stopping: finishing the day early…');
      stop.abort();
    });
  }
  // Started by the API (demo mode) over an IPC channel: leave when the API goes.
  if (process.send) process.on('disconnect', () => process.exit(0));

  let embedded: EmbeddedApi | undefined;
  let url = args.url;
  if (!url) {
    say(`starting an API of its own (api/dist/main.js, throwaway PGlite, dispatch timings ÷${args.speed})…`);
    embedded = await startEmbeddedApi(root, dispatchEnvFor(args.speed));
    url = embedded.url;
    say(`API at ${url}, data in ${embedded.dataDir}`);
  } else if (args.speed !== 1 && !args.demo) {
    say(
      `note: against --url the server's own dispatch timings apply; at ×${args.speed} its 45 s offer deadline lasts ${Math.round((45 * args.speed) / 60)} simulated minutes unless it was started with DISPATCH_OFFER_TTL_S=${Math.max(1, 45 / args.speed)}`,
    );
  }

  const options: SimOptions = {
    url,
    speed: args.speed,
    workers: args.workers,
    employers: args.employers,
    shifts: args.shifts,
    fromHour: args.fromHour,
    hours: args.hours,
    warmStart: args.warm,
    days: args.days,
    seed: args.seed,
    clearDemoShifts: !!embedded,
    resetDaily: args.loop,
    signal: stop.signal,
    log: args.quiet ? () => undefined : say,
    onDay: args.loop
      ? (r) =>
          say(
            `day done: ${r.shifts.posted} shifts, ${r.shifts.filledPositions}/${r.shifts.positionsToFill} positions filled ` +
              `(${r.shifts.fillRate === null ? '–' : Math.round(r.shifts.fillRate * 100)}%), median time to fill ${r.timeToFill.medianMin ?? '–'} min, ` +
              `${r.offers.perHire ?? '–'} offers per hire`,
          )
      : undefined,
  };
  let report: SimReport;
  try {
    report = await new Simulation(options).run();
  } catch (error) {
    if (embedded) {
      console.error(embedded.tail());
      await embedded.stop();
    }
    throw error;
  }
  if (embedded) {
    await embedded.stop();
    report.apiDatabase = await databaseCounts(embedded.dataDir, employerPhonePrefix(args.seed));
    report.checks = checksOf(report);
    fs.rmSync(embedded.dataDir, { recursive: true, force: true });
  }
  console.log('');
  console.log(formatReport(report));
  const out = args.out ?? (args.loop ? undefined : path.join(root, 'test/artifacts/simulation.json'));
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nreport written to ${path.relative(process.cwd(), out) || out}`);
  }
  return Object.values(report.checks).every(Boolean) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
