import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const nonNegativeInt = z.coerce.number().int().min(0);
const positiveInt = z.coerce.number().int().min(1);
/** A comma-separated list; blanks are dropped. */
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  ACCESS_TOKEN_TTL: nonNegativeInt.default(900),
  REFRESH_TOKEN_TTL: nonNegativeInt.default(30 * 24 * 3600),
  SEED_DEMO_DATA: bool.optional(),
  EXPLORER: bool.optional(),
  TEST_HOOKS: bool.default(false),
  MIN_BID_DECREMENT: z
    .string()
    .regex(/^\d+(\.\d{1,2})?$/, 'a decimal amount such as 0.01')
    .default('0.01'),
  BID_EXTENSION_WINDOW: nonNegativeInt.default(120),
  BID_EXTENSION: nonNegativeInt.default(120),
  MAX_BODY_BYTES: nonNegativeInt.default(1_000_000),
  SHUTDOWN_GRACE_MS: nonNegativeInt.default(10_000),
  DB_POOL_SIZE: nonNegativeInt.default(20),
  MAX_QUERY_DEPTH: positiveInt.default(15),
  MAX_QUERY_COST: positiveInt.default(10_000),
  MAX_ALIASES: nonNegativeInt.default(30),
  MAX_DIRECTIVES: nonNegativeInt.default(50),
  MAX_TOKENS: positiveInt.default(5_000),
  RATE_LIMIT_USER: nonNegativeInt.default(600),
  RATE_LIMIT_IP: nonNegativeInt.default(300),
  RATE_LIMIT_AUTH: nonNegativeInt.default(20),
  TRUST_PROXY: nonNegativeInt.default(0),
  CORS_ORIGINS: list.default([]),
  PERSISTED_QUERIES: bool.default(true),
  HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
  REQUEST_TIMEOUT_MS: positiveInt.default(30_000),
  WS_MAX_CONNECTIONS_PER_IP: nonNegativeInt.default(50),
  WS_MAX_SUBSCRIPTIONS: nonNegativeInt.default(100),
  AUTH_FREE_FAILURES: nonNegativeInt.default(5),
  RECOMMENDATIONS_PER_DAY: nonNegativeInt.default(3),
  /** The OAuth issuer and the base of the consent page's links; http://localhost:PORT when unset. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** An app token's bucket of query cost, and how many points it restores per second (Shopify's figures). */
  APP_COST_BUCKET: positiveInt.default(1000),
  APP_COST_RESTORE_RATE: positiveInt.default(50),
  /** Multiplies the webhook retry delays (5 s, 15 s, 40 s, …); tests shorten them. */
  WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Who executes operations: graphql-js (`graphql-js`) or operations compiled by graphql-jit (`jit`). */
  GRAPHQL_EXECUTOR: z.enum(['graphql-js', 'jit']).default('graphql-js'),
});

type ConfigValues = z.infer<typeof schema>;

/** The validated configuration; a class so that services can take it as a constructor parameter. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Config extends Readonly<ConfigValues> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Config {
  readonly production: boolean;
}

/** Reads and validates the environment once at start; a bad value stops the process with a message naming it. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ConfigValues> = {},
): Config {
  // An empty value (`REDIS_URL=` in a compose file) means unset, as in most tools.
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = { ...parsed.data, ...overrides };
  // Node refuses a headers timeout longer than the request's: the headers are part of the request.
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS)
    throw new ConfigError(
      'Invalid configuration:\n  HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS',
    );
  const production = config.NODE_ENV === 'production';
  if (production && !config.JWT_SECRET)
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production');
  return Object.assign(new Config(), config, { production });
}

export class ConfigError extends Error {}
