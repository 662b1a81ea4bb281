import 'reflect-metadata';
import { join } from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { AccessTokens } from '../../src/auth/access-tokens';
import { loadConfig } from '../../src/core/config';
import { createSchema } from '../../src/schema';
import type { ServerSpec } from './processes';

/** Signs the bench's access tokens; our server is started with the same secret. */
export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-signing-000';

/**
 * Our server as users run it (`npm start` = dist/src/main.js) in production mode. With `limits` on, every
 * protection stays on and the rate-limit budget is raised so that the bench's load fits in it (the bench sends
 * thousands of requests per second from one IP); off, the rate limits are switched off (0).
 */
export function dorfmarktSpec(
  root: string,
  databaseUrl: string,
  variant: { limits: boolean; name?: string; env?: Record<string, string>; nodeFlags?: string[] },
): ServerSpec {
  const limitEnv = variant.limits
    ? { RATE_LIMIT_USER: '100000000', RATE_LIMIT_IP: '100000000', RATE_LIMIT_AUTH: '100000000' }
    : { RATE_LIMIT_USER: '0', RATE_LIMIT_IP: '0', RATE_LIMIT_AUTH: '0' };
  return {
    name: variant.name ?? (variant.limits ? 'Dorfmarkt' : 'Dorfmarkt, limits off'),
    script: join(root, 'dist', 'src', 'main.js'),
    cwd: root,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      ACCESS_TOKEN_TTL: '86400',
      DATA_DIR: join(root, '.data', 'bench-server'),
      // The fan-out's thousands of subscribers all come from 127.0.0.1.
      WS_MAX_CONNECTIONS_PER_IP: '1000000',
      ...limitEnv,
      ...variant.env,
    },
    readyPath: '/readyz',
    readyStatus: 200,
    nodeFlags: variant.nodeFlags,
  };
}

/** An access token for a user (session version 0, as the generator writes them). */
export function tokenFor(userId: string): string {
  return new AccessTokens(BENCH_JWT_SECRET, 86_400).issue({ userId, sessionVersion: 0 });
}

let schema: Promise<GraphQLSchema> | undefined;

/**
 * Which fields our schema has now: a scenario whose operations are not there yet (its slice has not merged)
 * is reported as pending instead of failing.
 */
export async function missingFields(fields: string[]): Promise<string[]> {
  // Subscriptions need a PubSub to build; reading the schema's fields never publishes or subscribes.
  schema ??= createSchema({ pubSub: { publish: () => undefined, subscribe: async function* () {} } });
  const s = await schema;
  return fields.filter((path) => {
    const [typeName, field] = path.split('.');
    const type = s.getType(typeName);
    return !type || !isObjectType(type) || !type.getFields()[field];
  });
}

/** One GraphQL POST; throws on transport errors, returns the parsed body. */
export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

/** Whether our configuration reads the rate-limit switches yet (the hardening slice); until then both variants are the same code. */
export function hasRateLimits(): boolean {
  return 'RATE_LIMIT_USER' in loadConfig({});
}
