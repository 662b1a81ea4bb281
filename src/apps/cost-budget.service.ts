import Redis from 'ioredis';
import { Config } from '../core/config';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';

/** A bucket after a request tried to take its cost. */
export interface BucketState {
  /** Whether the cost was taken (the request may run). */
  taken: boolean;
  /** Points left in the bucket now. */
  available: number;
  maximum: number;
  restoreRate: number;
}

/** Refills by elapsed time, then takes `cost` if it fits: one atomic step on Redis's clock. */
const TAKE_SCRIPT = `
local cap = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', KEYS[1], 'a', 't')
local a = tonumber(v[1]) or cap
local last = tonumber(v[2]) or now
local level = math.min(cap, a + (now - last) * rate / 1000)
local taken = 0
if level >= cost then
  level = level - cost
  taken = 1
end
redis.call('HSET', KEYS[1], 'a', tostring(level), 't', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate * 1000) + 1000)
return { taken, tostring(level) }
`;

/**
 * Apps' budgets of query cost, as Shopify's leaky bucket: each app token (each grant, each shop token) has a bucket
 * of APP_COST_BUCKET points (1,000) that restores APP_COST_RESTORE_RATE (50) points a second; a request takes its
 * estimated cost, or is refused while the bucket holds less. Shared by every instance: in Redis when REDIS_URL is
 * set, else in PostgreSQL (`app_cost_buckets`), always on the store's clock so that instances agree.
 */
@Injectable()
export class CostBudgetService {
  private redis: Redis | null = null;

  constructor(
    private readonly db: Database,
    private readonly config: Config,
  ) {}

  get maximum(): number {
    return this.config.APP_COST_BUCKET;
  }

  get restoreRate(): number {
    return this.config.APP_COST_RESTORE_RATE;
  }

  /** The seconds until a bucket at `available` holds `cost` points. */
  waitSeconds(state: BucketState, cost: number): number {
    return Math.max(1, Math.ceil((cost - state.available) / state.restoreRate));
  }

  async take(key: string, cost: number): Promise<BucketState> {
    const { maximum, restoreRate } = this;
    const result = this.config.REDIS_URL
      ? await this.takeInRedis(key, cost)
      : await this.takeInPostgres(key, cost);
    return { ...result, available: Math.floor(result.available * 1000) / 1000, maximum, restoreRate };
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
    this.redis = null;
  }

  private async takeInRedis(key: string, cost: number): Promise<{ taken: boolean; available: number }> {
    this.redis ??= new Redis(this.config.REDIS_URL!, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
    const database = this.db.dataSource.options.database ?? 'dorfmarkt';
    const [taken, level] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      `dorfmarkt:${String(database)}:cost:${key}`,
      this.maximum,
      this.restoreRate,
      cost,
    )) as [number, string];
    return { taken: taken === 1, available: Number(level) };
  }

  private takeInPostgres(key: string, cost: number): Promise<{ taken: boolean; available: number }> {
    return this.db.transaction(async () => {
      const [{ now }] = await this.db.query<{ now: string }>(
        `SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now`,
      );
      await this.db.query(
        `INSERT INTO app_cost_buckets (key, available, updated_at_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [key, this.maximum, now],
      );
      const [bucket] = await this.db.query<{ available: number; updated_at_ms: string }>(
        'SELECT available, updated_at_ms FROM app_cost_buckets WHERE key = $1 FOR UPDATE',
        [key],
      );
      const elapsed = Math.max(0, Number(now) - Number(bucket.updated_at_ms));
      let level = Math.min(this.maximum, bucket.available + (elapsed * this.restoreRate) / 1000);
      const taken = level >= cost;
      if (taken) level -= cost;
      await this.db.query('UPDATE app_cost_buckets SET available = $2, updated_at_ms = $3 WHERE key = $1', [
        key,
        level,
        now,
      ]);
      return { taken, available: level };
    });
  }
}
