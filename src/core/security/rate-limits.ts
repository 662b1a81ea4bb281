import Redis from 'ioredis';
import { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Viewer } from '../context';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { BatchedBudget } from './batched-budget';
import { FAILURES_LIFETIME_SECONDS, LoginBackoff } from './login-backoff';

/** A refusal: how many seconds until the budget that ran out has room again. */
export interface RateLimited {
  limit: 'user' | 'ip' | 'auth';
  retryAfter: number;
}

export interface RateLimitsOptions {
  config: Config;
  databaseUrl: string;
  logger: Logger;
}

/** Where the counters live: `rate_limits` (an unlogged table, see its migration) or Redis. */
const TABLE = 'rate_limits';

/**
 * Request budgets shared by every instance through PostgreSQL, or Redis when REDIS_URL is set: per signed-in
 * user and per IP for anonymous requests (a minute each), and for login and sign-up attempts per IP (15
 * minutes), against password guessing, with failed logins slowed down per account and IP pair (LoginBackoff).
 * Should the store fail, each instance falls back to counting in its own memory rather than refusing everyone or
 * no one.
 */
export class RateLimits {
  /** Made by `create`; public so that the container can hold the instance for the services that count. */
  private readonly batched: Partial<Record<'user' | 'ip', BatchedBudget>> = {};

  constructor(
    private readonly limiters: Partial<Record<RateLimited['limit'], RateLimiterAbstract>>,
    private readonly closeStore: () => Promise<void>,
    private readonly logins: LoginBackoff | null = null,
    points: Partial<Record<RateLimited['limit'], number>> = {},
  ) {
    for (const limit of ['user', 'ip'] as const) {
      const limiter = limiters[limit];
      if (limiter && points[limit])
        this.batched[limit] = new BatchedBudget(limiter, points[limit], batchOf(points[limit]));
    }
  }

  /** Resolves once the store answers (or after a few seconds without it: the memory fallback counts meanwhile). */
  static async create({ config, databaseUrl, logger }: RateLimitsOptions): Promise<RateLimits> {
    const budgets: Record<RateLimited['limit'], Budget> = {
      user: { points: config.RATE_LIMIT_USER, duration: 60 },
      ip: { points: config.RATE_LIMIT_IP, duration: 60 },
      auth: { points: config.RATE_LIMIT_AUTH, duration: 15 * 60 },
    };
    if (Object.values(budgets).every((b) => b.points === 0)) return new RateLimits({}, async () => undefined);
    const store = config.REDIS_URL ? redisStore(config.REDIS_URL, databaseUrl) : postgresStore(databaseUrl);
    store.onError((error) => logger.warn({ err: error }, 'rate limit store unavailable; counting in memory'));
    const limiters: Partial<Record<RateLimited['limit'], RateLimiterAbstract>> = {};
    for (const [limit, budget] of Object.entries(budgets) as Array<[RateLimited['limit'], Budget]>) {
      if (budget.points === 0) continue;
      limiters[limit] = store.limiter({
        ...budget,
        keyPrefix: `${store.prefix}${limit}`,
        insuranceLimiter: new RateLimiterMemory(budget),
      });
    }
    await store.ready;
    return new RateLimits(limiters, store.close, budgets.auth.points ? loginBackoff(store, config) : null, {
      user: budgets.user.points,
      ip: budgets.ip.points,
    });
  }

  /**
   * Counts one request (or WebSocket operation) against the viewer's budget, or the IP's when anonymous: in this
   * instance's memory, settled with the shared store in batches (BatchedBudget), so a budget may be exceeded by
   * one batch per instance (`batchOf`).
   */
  async request(viewer: Viewer | null, ip: string): Promise<RateLimited | null> {
    const limit = viewer ? 'user' : 'ip';
    const budget = this.batched[limit];
    if (!budget) return null;
    const waitMs = await budget.consume(viewer ? viewer.id : ip);
    return waitMs < 0 ? null : { limit, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * Counts `attempts` logins or sign-ups against the IP, then refuses the operation while any account and IP
   * pair among `emails` must still wait after its failed logins (LoginBackoff).
   */
  async authAttempts(ip: string, attempts: number, emails: string[]): Promise<RateLimited | null> {
    if (attempts === 0) return null;
    const spent = await this.consume('auth', [[`ip:${ip}`, attempts]]);
    if (spent || !this.logins) return spent;
    const waits = await Promise.all([...new Set(emails)].map((email) => this.logins!.waitMs(email, ip)));
    const waitMs = Math.max(0, ...waits);
    return waitMs > 0 ? { limit: 'auth', retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) } : null;
  }

  /** The outcome of a password check, for the account and IP pair's back-off. */
  async loginChecked(email: string, ip: string, correct: boolean): Promise<void> {
    if (!this.logins) return;
    await (correct ? this.logins.succeeded(email, ip) : this.logins.failed(email, ip));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.batched).map((b) => b.close()));
    return this.closeStore();
  }

  private async consume(
    limit: RateLimited['limit'],
    keys: Array<[string, number]>,
  ): Promise<RateLimited | null> {
    const limiter = this.limiters[limit];
    if (!limiter) return null;
    const results = await Promise.allSettled(keys.map(([key, points]) => limiter.consume(key, points)));
    let waitMs = -1;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      // The memory fallback never fails, so a rejection is a spent budget.
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    return waitMs < 0 ? null : { limit, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

/** The failures counter and the waits of LoginBackoff, on the store with memory to fall back on. */
function loginBackoff(store: Store, config: Config): LoginBackoff {
  const counter = (name: string, budget: Budget) =>
    store.limiter({
      ...budget,
      keyPrefix: `${store.prefix}${name}`,
      insuranceLimiter: new RateLimiterMemory(budget),
    });
  const failures = counter('auth_failures', { points: 1_000_000, duration: FAILURES_LIFETIME_SECONDS });
  const waits = counter('auth_waits', { points: 1, duration: 1 });
  return new LoginBackoff(failures, waits, config.AUTH_FREE_FAILURES);
}

/**
 * How many requests of one key an instance counts before it settles with the store: a hundredth of the budget,
 * at most 100 (600 a minute: 6). Login and sign-up attempts are always counted in the store, one by one.
 */
export function batchOf(points: number): number {
  return Math.max(1, Math.min(100, Math.floor(points / 100)));
}

/** Points per window of `duration` seconds. */
interface Budget {
  points: number;
  duration: number;
}

interface Store {
  /** Prepended to the key prefixes, to keep deployments that share one Redis apart. */
  prefix: string;
  limiter(options: Budget & { keyPrefix: string; insuranceLimiter: RateLimiterMemory }): RateLimiterAbstract;
  onError(listener: (error: Error) => void): void;
  /** Counting before the store is connected would go to the memory fallback and split the budget. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** A small pool of its own, so that counting requests never waits behind the API's queries. */
function postgresStore(databaseUrl: string): Store {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 4,
    application_name: 'dorfmarkt-limits',
    connectionTimeoutMillis: 2000,
    query_timeout: 2000,
  });
  // Expired rows are only overwritten by the same key; sweep the rest now and then.
  const sweep = setInterval(
    () =>
      pool.query(`DELETE FROM ${TABLE} WHERE expire < $1`, [Date.now() - 3_600_000]).catch(() => undefined),
    10 * 60_000,
  );
  sweep.unref();
  return {
    prefix: '',
    limiter: (options) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
      }),
    onError: (listener) => pool.on('error', listener),
    ready: Promise.resolve(),
    close: async () => {
      clearInterval(sweep);
      await pool.end();
    },
  };
}

/** Keys carry the database name: instances of one deployment share budgets, other deployments do not. */
function redisStore(redisUrl: string, databaseUrl: string): Store {
  // Auto-pipelining sends the counts of all requests that arrive together in one write.
  const client = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
  });
  const database = new URL(databaseUrl).pathname.slice(1) || 'dorfmarkt';
  return {
    prefix: `dorfmarkt:${database}:rl:`,
    limiter: (options) =>
      new RateLimiterRedis({ ...options, storeClient: client, rejectIfRedisNotReady: true }),
    onError: (listener) => client.on('error', listener),
    ready: new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    }),
    close: async () => {
      client.disconnect();
    },
  };
}
