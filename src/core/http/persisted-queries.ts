import Redis from 'ioredis';

/** The cache interface Apollo Server reads and writes persisted queries through. */
export interface QueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

export interface PersistedQueryCache {
  /** Undefined: Apollo's own in-memory LRU cache, one per instance. */
  cache: QueryCache | undefined;
  /** Seconds a registered query is kept; undefined keeps it until the cache evicts it. */
  ttl: number | undefined;
  close(): Promise<void>;
}

/** A day: clients re-register a query they used less often than that, at the cost of one extra round trip. */
const REDIS_TTL_SECONDS = 24 * 3600;

/**
 * Automatic persisted queries: a client sends a query's SHA-256 instead of its text and the text only when the
 * server does not know it yet. Only queries that passed validation and the limits are stored. With REDIS_URL
 * every instance shares one cache, so a query registered on one is known to all; otherwise each instance keeps
 * its own (a client behind a round-robin balancer then registers once per instance). A Redis that does not
 * answer counts as a miss: the client sends the text again.
 */
export function persistedQueryCache(redisUrl: string | undefined): PersistedQueryCache {
  if (!redisUrl) return { cache: undefined, ttl: undefined, close: async () => undefined };
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const key = (k: string) => `dorfmarkt:${k}`;
  return {
    ttl: REDIS_TTL_SECONDS,
    cache: {
      get: (k) =>
        redis.get(key(k)).then(
          (v) => v ?? undefined,
          () => undefined,
        ),
      set: async (k, value, options) => {
        const ttl = options?.ttl ?? REDIS_TTL_SECONDS;
        await redis.set(key(k), value, 'EX', ttl).catch(() => undefined);
      },
      delete: (k) =>
        redis.del(key(k)).then(
          (n) => n > 0,
          () => false,
        ),
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
