/** The bench's PostgreSQL and Redis: whether they answer, and what a run leaves in Redis. */
import { Redis } from 'ioredis';
import pg from 'pg';
import { sched } from './util.js';

/** Why the scale-out part cannot run here, or undefined when PostgreSQL and Redis both answer. */
export async function unreachable(databaseUrl: string, redisUrl: string): Promise<string | undefined> {
  for (const u of [databaseUrl, redisUrl]) {
    const host = new URL(u).hostname;
    if (!(host === 'localhost' || /^127\./.test(host) || host === '[::1]')) return `the bench only targets 127.0.0.0/8, not ${u}`;
  }
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return `PostgreSQL at ${redact(databaseUrl)} is not reachable (${errorText(error)}); set BENCH_DATABASE_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: unknown;
  redis.on('error', (error: unknown) => (cause = error)); // says more than the rejection's "Connection is closed"
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${errorText(cause ?? error)}); set BENCH_REDIS_URL`;
  } finally {
    redis.disconnect();
  }
  return undefined;
}

/** Connections PostgreSQL can still accept (max_connections less those open), or undefined if it will not say. */
export async function freeConnections(databaseUrl: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ free: number }>(
      "SELECT current_setting('max_connections')::int - count(*)::int AS free FROM pg_stat_activity",
    );
    return rows[0]?.free;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));
const redact = (u: string) => u.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

/** Presence records have no expiry: a run removes what its instances left under its prefix. */
export async function dropKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface SlowCommands {
  thresholdMicros: number;
  count: number;
  /** Every command Redis ran over the stretch, the slow ones included. */
  commands: number;
  /** The slowest few, e.g. "hgetall waiting:fine:porter:3606:10384 1162 µs". */
  slowest: string[];
  /**
   * Share of the stretch Redis's process spent ready to run but waiting for a CPU (from /proc, so only for a
   * Redis on this machine): a command cut off the CPU midway is logged as slow whatever it costs.
   */
  waitingForCpu?: number;
}

/** A key loses its run's prefix (`bench-1a2b3c4d:waiting:trade:porter` → `waiting:trade:porter`), a long value its tail (a script). */
const shortArg = (arg: string) => {
  const bare = arg.replace(/^bench-[^:]*:/, '').replace(/\s+/g, ' ');
  return bare.length > 48 ? `${bare.slice(0, 40)}…` : bare;
};

/** A command as SLOWLOG has it: in full when short (a cell read), else its name, first key and size (a ZADD of 200 members). */
function describeCommand(args: string[]): string {
  if (args.length <= 12) return args.map(shortArg).join(' ');
  // SLOWLOG keeps 32 arguments, the last one saying how many more there were.
  const more = /^\.\.\. \((\d+) more arguments\)$/.exec(args[args.length - 1]);
  const count = more ? args.length - 2 + Number(more[1]) : args.length - 1;
  return `${args[0]} ${shortArg(args[1])} … (${count} arguments)`;
}

/**
 * Redis's own SLOWLOG over a stretch of the run: every command slower than `thresholdMicros` (server-side
 * time, not the round trip). The previous threshold is put back afterwards.
 */
export async function watchSlowCommands(redisUrl: string, thresholdMicros = 1000): Promise<{ stop(): Promise<SlowCommands> }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const [, previous] = (await redis.config('GET', 'slowlog-log-slower-than')) as [string, string];
  await redis.config('SET', 'slowlog-log-slower-than', String(thresholdMicros));
  await redis.slowlog('RESET');
  const pid = infoField(await redis.info('server'), 'process_id');
  const commands0 = infoField(await redis.info('stats'), 'total_commands_processed');
  const sched0 = sched(pid);
  return {
    async stop() {
      try {
        const entries = (await redis.slowlog('GET', 1000)) as Array<[number, number, number, string[]]>;
        const commands = infoField(await redis.info('stats'), 'total_commands_processed') - commands0;
        const sched1 = sched(pid);
        const slowest = [...entries]
          .sort((a, b) => b[2] - a[2])
          .slice(0, 5)
          .map(([, , micros, args]) => `${describeCommand(args)} ${micros} µs`);
        const waited = (sched1.wait - sched0.wait) / (sched1.at - sched0.at);
        const waitingForCpu = Number.isFinite(waited) ? waited : undefined;
        return { thresholdMicros, count: entries.length, commands, slowest, waitingForCpu };
      } finally {
        await redis.config('SET', 'slowlog-log-slower-than', previous).catch(() => undefined);
        redis.disconnect();
      }
    },
  };
}

function infoField(info: string, name: string): number {
  return Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
}
