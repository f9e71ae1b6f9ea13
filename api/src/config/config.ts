import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Outside production this phone signs in as an admin of ADMIN_REGION (protocol Part 2). */
export const DEMO_ADMIN_PHONE = '13900000000';

const number = (fallback: number) => z.coerce.number().finite().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes'].includes(v)));

const dateList = z.string().regex(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates');

const EnvSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z.string().url().startsWith('postgres').optional(),
    DATABASE_POOL_SIZE: number(20).pipe(z.number().int().min(1).max(500)),
    DATA_DIR: z.string().default('./data'),
    REDIS_URL: z.string().url().startsWith('redis').optional(),
    REDIS_KEY_PREFIX: z.string().min(1).max(40).default('lg:'),
    AUTH_SECRET: z.string().min(32).optional(),
    TOKEN_TTL_DAYS: number(7).pipe(z.number().positive().max(90)),
    STAFF_TOKEN_TTL_HOURS: number(12).pipe(z.number().positive().max(24 * 30)),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA: flag(true),
    DEMO_SIMULATION: flag(false),
    DEV_CODES_ANY_HOST: flag(false),
    SMS_DRIVER: z.enum(['console', 'aliyun']).default('console'),
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    ALIYUN_SMS_SIGN_NAME: z.string().min(1).max(30).optional(),
    ALIYUN_SMS_TEMPLATE_LOGIN: z.string().regex(/^SMS_\d+$/, 'an approved template code, e.g. SMS_123456789').optional(),
    ALIYUN_SMS_TEMPLATE_NOTICE: z.string().regex(/^SMS_\d+$/, 'an approved template code, e.g. SMS_123456789').optional(),
    ALIYUN_SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com'),
    ADMIN_PHONES: z
      .string()
      .regex(/^1\d{10}(,1\d{10})*$/, 'comma-separated 11-digit mobile numbers')
      .optional(),
    ADMIN_REGION: z
      .string()
      .regex(/^\d{6}$/, 'a six-digit GB/T 2260 region code')
      .default('620000'),
    INSTANCE_ID: z.string().min(1).default(`${os.hostname()}-${process.pid}`),
    DISPATCH_OFFER_TTL_S: number(45).pipe(z.number().min(1).max(3600)),
    DISPATCH_FANOUT: number(2).pipe(z.number().min(1).max(100)),
    DISPATCH_START_RADIUS_KM: number(5).pipe(z.number().positive().max(500)),
    DISPATCH_RADIUS_GROWTH: number(1.5).pipe(z.number().min(1.05).max(5)),
    DISPATCH_MAX_RADIUS_KM: number(50).pipe(z.number().positive().max(2000)),
    DISPATCH_SWEEP_S: number(5).pipe(z.number().min(0.05).max(600)),
    PRESENCE_GRACE_S: number(60).pipe(z.number().min(0).max(3600)),
    CHECK_IN_RADIUS_M: number(500).pipe(z.number().min(10).max(20_000)),
    OLDER_WORKER_AGE: number(50).pipe(z.number().int().min(30).max(80)),
    SHUTDOWN_DRAIN_S: number(2).pipe(z.number().min(0).max(120)),
    SHUTDOWN_SPREAD_S: number(3).pipe(z.number().min(0).max(120)),
    SHUTDOWN_DEADLINE_S: number(0).pipe(z.number().min(0).max(600)),
    TRUST_PROXY: z
      .string()
      .regex(
        /^(loopback|uniquelocal|linklocal|\d{1,2}|[0-9a-fA-F.:/]+)(,(loopback|uniquelocal|linklocal|[0-9a-fA-F.:/]+))*$/,
        'a hop count, loopback, or comma-separated proxy addresses/subnets',
      )
      .optional(),
    ALLOWED_ORIGINS: z
      .string()
      .regex(/^https?:\/\/[^,\s/]+(,https?:\/\/[^,\s/]+)*$/, 'comma-separated origins, e.g. https://linggong.example.cn')
      .optional(),
    CSP_IMG_SOURCES: z
      .string()
      .regex(/^https:\/\/[^,\s]+(,https:\/\/[^,\s]+)*$/, 'comma-separated https sources, e.g. https://tiles.example.cn')
      .optional(),
    HSTS_MAX_AGE_S: number(15_552_000).pipe(z.number().int().min(0).max(63_072_000)),
    RATE_PER_ADDRESS_PER_MIN: number(1200).pipe(z.number().int().min(1).max(1_000_000)),
    RATE_CODES_PER_ADDRESS_PER_HOUR: number(120).pipe(z.number().int().min(1).max(1_000_000)),
    RATE_SIGNINS_PER_ADDRESS_PER_HOUR: number(300).pipe(z.number().int().min(1).max(1_000_000)),
    RATE_WRITES_PER_MIN: number(120).pipe(z.number().int().min(1).max(1_000_000)),
    RATE_LIMIT_EXEMPT: z
      .string()
      .regex(/^(loopback|[0-9a-fA-F.:]+)(,(loopback|[0-9a-fA-F.:]+))*$/, 'comma-separated addresses, or loopback')
      .optional(),
    LOGIN_CODES_PER_PHONE: number(3).pipe(z.number().int().min(1).max(100)),
    LOGIN_WRONG_TRIES_PER_ADDRESS: number(5).pipe(z.number().int().min(1).max(1000)),
    LOGIN_WRONG_TRIES_PER_PHONE: number(30).pipe(z.number().int().min(1).max(100_000)),
    SOCKET_CONNECTIONS_PER_ADDRESS: number(50).pipe(z.number().int().min(1).max(1_000_000)),
    SOCKET_EVENTS_PER_S: number(10).pipe(z.number().min(0.1).max(100_000)),
    SOCKET_EVENTS_BURST: number(30).pipe(z.number().int().min(1).max(1_000_000)),
    CALENDAR_EXTRA_HOLIDAYS: dateList.optional(),
    CALENDAR_EXTRA_WORKDAYS: dateList.optional(),
    CASE_TIME_LIMITS: z
      .string()
      .regex(/^[a-z_]+=\d{1,3}(,[a-z_]+=\d{1,3})*$/, 'comma-separated kind=days, e.g. consultation=1,injury=2')
      .optional(),
    HIRE_CONTACT_DAYS: number(7).pipe(z.number().min(0).max(365)),
    CHECKIN_LOCATION_DAYS: number(30).pipe(z.number().min(1).max(365)),
    RETENTION_SWEEP_S: number(3600).pipe(z.number().min(0.05).max(86_400)),
    CASE_OVERDUE_CHECK_S: number(60).pipe(z.number().min(0.05).max(3600)),
    SERVICES_CHECK_S: number(60).pipe(z.number().min(0.05).max(3600)),
    GUIDANCE_REMIND_BEFORE_S: number(3600).pipe(z.number().min(0).max(86_400)),
    GUIDANCE_NO_SHOW_GRACE_S: number(900).pipe(z.number().min(0).max(86_400)),
    FIGURES_ROLLUP_SWEEP_S: number(600).pipe(z.number().min(0).max(86_400)),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required in production (32+ characters)' });
    }
    if (env.SMS_DRIVER === 'aliyun') {
      for (const key of [
        'ALIYUN_SMS_ACCESS_KEY_ID',
        'ALIYUN_SMS_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        'ALIYUN_SMS_TEMPLATE_LOGIN',
        'ALIYUN_SMS_TEMPLATE_NOTICE',
      ] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required with SMS_DRIVER=aliyun' });
      }
    }
    if (env.NODE_ENV === 'production' && env.DEMO_SIMULATION) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_SIMULATION'],
        message: 'is never allowed in production (it signs in simulated workers)',
      });
    }
  });

export type AppConfig = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    /** PostgreSQL connections per instance: instances × this must stay under the server's max_connections. */
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: env.DATA_DIR.startsWith('memory://') ? env.DATA_DIR : path.resolve(env.DATA_DIR),
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    authSecret: env.AUTH_SECRET ?? developmentSecret(env.DATA_DIR, env.DATABASE_URL),
    /** Phone app sessions (workers, employers): a week, so a worker is not asked for a code every morning. */
    tokenTtlDays: env.TOKEN_TTL_DAYS,
    /**
     * Accounts holding a staff, admin or officer scope: one working day. They read the phones and names of
     * many people, often on a shared PC at the market window.
     */
    staffTokenTtlHours: env.STAFF_TOKEN_TTL_HOURS,
    logLevel: env.LOG_LEVEL,
    demoData: env.DEMO_DATA && !production,
    /** Outside production `devCode` is returned to requests from this machine; to any host only when set. */
    devCodesAnyHost: env.DEV_CODES_ANY_HOST && !production,
    /** Run the market-day simulator (packages/simulator) against this server in its demo mode: a live market. */
    demoSimulation: env.DEMO_SIMULATION && !production,
    smsDriver: env.SMS_DRIVER,
    /** Aliyun SMS (SMS_DRIVER=aliyun): keys, the approved signature and templates (api/src/auth/aliyun-sms.ts). */
    aliyunSms:
      env.SMS_DRIVER === 'aliyun'
        ? {
            accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID!,
            accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET!,
            signName: env.ALIYUN_SMS_SIGN_NAME!,
            loginTemplate: env.ALIYUN_SMS_TEMPLATE_LOGIN!,
            noticeTemplate: env.ALIYUN_SMS_TEMPLATE_NOTICE!,
            endpoint: env.ALIYUN_SMS_ENDPOINT,
          }
        : undefined,
    /** Admins of `adminRegion` from their first sign-in; outside production the demo account is one too. */
    adminPhones: [...(env.ADMIN_PHONES?.split(',') ?? []), ...(production ? [] : [DEMO_ADMIN_PHONE])],
    adminRegion: env.ADMIN_REGION,
    instanceId: env.INSTANCE_ID,
    shutdown: {
      drainS: env.SHUTDOWN_DRAIN_S,
      spreadS: env.SHUTDOWN_SPREAD_S,
      /** After SIGTERM the process exits with 1 at this point whatever a close still waits on (0: drain + spread + 10 s). */
      deadlineS: env.SHUTDOWN_DEADLINE_S || env.SHUTDOWN_DRAIN_S + env.SHUTDOWN_SPREAD_S + 10,
    },
    /** Express's `trust proxy` (hops, `loopback` or addresses): which X-Forwarded-For / -Proto to believe. */
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    /** Origins besides the page's own that browsers may call the API and sockets from. */
    allowedOrigins: env.ALLOWED_ORIGINS?.split(',') ?? [],
    /** Extra image sources for the CSP: a map tile server (board `?tiles=`, VITE_MAP_TILE_URL). */
    cspImgSources: env.CSP_IMG_SOURCES?.split(',') ?? [],
    /** HSTS on HTTPS requests (directly or by X-Forwarded-Proto from a trusted proxy); 0 turns it off. */
    hstsMaxAgeS: env.HSTS_MAX_AGE_S,
    limits: {
      /** Requests per minute per client address, every route. */
      perAddressPerMin: env.RATE_PER_ADDRESS_PER_MIN,
      /** `POST /api/auth/code` per hour per address: the brake on SMS pumping across many numbers. */
      codesPerAddressPerHour: env.RATE_CODES_PER_ADDRESS_PER_HOUR,
      /** `POST /api/auth/login` per hour per address, whatever the phone. */
      signInsPerAddressPerHour: env.RATE_SIGNINS_PER_ADDRESS_PER_HOUR,
      /** Writes (POST/PUT/PATCH/DELETE) per minute per signed-in account. */
      writesPerMin: env.RATE_WRITES_PER_MIN,
      /** Addresses no HTTP rate limit applies to (`loopback`: this machine); for tests and benchmarks only. */
      // The demo simulator (never in production) signs in 300 people from this machine.
      exempt: [...(env.RATE_LIMIT_EXEMPT?.split(',') ?? []), ...(env.DEMO_SIMULATION && !production ? ['loopback'] : [])],
      /** Unused, unexpired codes a phone may hold at once; a new one is sent only below this. */
      codesPerPhone: env.LOGIN_CODES_PER_PHONE,
      /** Wrong codes for one phone from one address within a code's lifetime, then that address is locked out. */
      wrongTriesPerAddress: env.LOGIN_WRONG_TRIES_PER_ADDRESS,
      /**
       * Wrong codes for one phone from all addresses in an hour; past it only an address that asked for one of
       * the phone's live codes may still try (the brake on guessing from many addresses).
       */
      wrongTriesPerPhone: env.LOGIN_WRONG_TRIES_PER_PHONE,
      socketConnectionsPerAddress: env.SOCKET_CONNECTIONS_PER_ADDRESS,
      socketEventsPerS: env.SOCKET_EVENTS_PER_S,
      socketEventsBurst: env.SOCKET_EVENTS_BURST,
    },
    dispatch: {
      offerTtlS: env.DISPATCH_OFFER_TTL_S,
      fanout: env.DISPATCH_FANOUT,
      startRadiusKm: env.DISPATCH_START_RADIUS_KM,
      radiusGrowth: env.DISPATCH_RADIUS_GROWTH,
      maxRadiusKm: env.DISPATCH_MAX_RADIUS_KM,
      sweepS: env.DISPATCH_SWEEP_S,
    },
    presenceGraceS: env.PRESENCE_GRACE_S,
    checkInRadiusM: env.CHECK_IN_RADIUS_M,
    /** Workers this old or older (in the current China-time year, from their birth year) rank as `older`. */
    olderWorkerAge: env.OLDER_WORKER_AGE,
    /** Days off and make-up working days beyond the State Council's notices (api/src/calendar). */
    calendar: {
      extraHolidays: env.CALENDAR_EXTRA_HOLIDAYS?.split(',') ?? [],
      extraWorkdays: env.CALENDAR_EXTRA_WORKDAYS?.split(',') ?? [],
    },
    /** How long personal data is kept (docs/privacy.md). */
    retention: {
      /** A hired worker's name and phone stay on the employer's view this many days after the shift ended. */
      hireContactDays: env.HIRE_CONTACT_DAYS,
      /** Check-in and check-out positions are erased this many days after they were taken. */
      checkInLocationDays: env.CHECKIN_LOCATION_DAYS,
      /** How often the retention job runs. */
      sweepS: env.RETENTION_SWEEP_S,
    },
    cases: {
      /** Per-kind time limits in working days, overriding the defaults in api/src/cases/case-kinds.ts. */
      timeLimits: Object.fromEntries(
        (env.CASE_TIME_LIMITS?.split(',') ?? []).map((pair) => {
          const [kind, days] = pair.split('=');
          return [kind, Number(days)];
        }),
      ) as Record<string, number>,
      overdueCheckS: env.CASE_OVERDUE_CHECK_S,
    },
    /** Figures (api/src/stats): how often closed days marked dirty by later writes are rebuilt; 0: only when read. */
    figures: {
      rollupSweepS: env.FIGURES_ROLLUP_SWEEP_S,
    },
    /** Public services (api/src/guidance, api/src/lending): how often reminders, no-shows and overdue loans are checked. */
    services: {
      checkS: env.SERVICES_CHECK_S,
      remindBeforeS: env.GUIDANCE_REMIND_BEFORE_S,
      noShowGraceS: env.GUIDANCE_NO_SHOW_GRACE_S,
    },
  };
}

/**
 * Outside production with no AUTH_SECRET: a random secret, kept beside the embedded database so that
 * tokens survive a restart. A secret written in the source would let anyone who can reach a demo on a
 * LAN sign tokens for any account. Several instances on one PostgreSQL need AUTH_SECRET set.
 */
function developmentSecret(dataDir: string, databaseUrl: string | undefined): string {
  if (databaseUrl || dataDir.startsWith('memory://')) return randomBytes(32).toString('hex');
  const file = path.join(path.resolve(dataDir), '.auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process starting on the same folder wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined) return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value stops start-up with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
