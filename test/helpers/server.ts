import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import type { DomainModule } from '../../src/core/module';
import { createServer, type RunningServer } from '../../src/server';
import { createTestDatabase } from './database';

/** Shared by every server of one test process, so tokens work across the instances a test starts. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export interface TestServer extends RunningServer {
  databaseUrl: string;
  gql: GraphQLClient;
}

export interface TestServerOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Slices of the test's own (a notification kind), composed with the real ones. */
  extraModules?: DomainModule[];
}

/** A real server on a free port over a real database (a fresh one unless given), with test hooks on. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'dorfmarkt-test-')),
    TEST_HOOKS: 'true',
    DB_POOL_SIZE: '5',
    // Rate limits off unless a test sets its own: suites must not trip over each other's budgets.
    RATE_LIMIT_USER: '0',
    RATE_LIMIT_IP: '0',
    RATE_LIMIT_AUTH: '0',
    // Likewise the daily cap of recommendations: suites recommend to one person as often as they probe.
    RECOMMENDATIONS_PER_DAY: '0',
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    // TEST_GRAPHQL_EXECUTOR=jit runs a suite with operations compiled by graphql-jit.
    ...(process.env.TEST_GRAPHQL_EXECUTOR ? { GRAPHQL_EXECUTOR: process.env.TEST_GRAPHQL_EXECUTOR } : {}),
    ...options.env,
  });
  const server = await createServer({
    config,
    logger: createLogger(config.LOG_LEVEL),
    databaseUrl,
    extraModules: options.extraModules,
  });
  return { ...server, databaseUrl, gql: graphqlClient(server.url) };
}

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data: T;
  errors?: Array<{ message: string; extensions?: Record<string, any>; path?: string[] }>;
  body: any;
}

export type GraphQLClient = <T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
) => Promise<GraphQLResult<T>>;

/** POSTs a GraphQL operation with supertest; `token` becomes the bearer header. */
export function graphqlClient(url: string): GraphQLClient {
  return async (query, variables = {}, token = null) => {
    let req = request(url).post('/graphql').set('content-type', 'application/json');
    if (token) req = req.set('authorization', `Bearer ${token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body?.data, errors: res.body?.errors, body: res.body };
  };
}
