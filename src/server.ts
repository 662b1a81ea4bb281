import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { Container } from './core/container';
import { Config } from './core/config';
import { Database } from './core/db/database';
import { createDataSource } from './core/db/data-source';
import { migrate } from './core/db/migrate';
import { createEventBus, EventBus } from './core/pubsub/event-bus';
import { JobQueue } from './core/jobs/job-queue';
import type { Logger } from './core/logger';
import { startApollo } from './core/http/apollo';
import { createGraphQLHandler, refuseOverBudget } from './core/http/graphql-handler';
import { InFlight } from './core/http/in-flight';
import { createRoutes } from './core/http/routes';
import { attachWebSockets } from './core/http/websocket';
import { Metrics, type PoolStats } from './core/observability/metrics';
import { OperationGuard } from './core/security/operation-guard';
import { operationLimits } from './core/security/operation-limits';
import { RateLimits } from './core/security/rate-limits';
import { TestHooksResolver } from './core/test-hooks.resolver';
import { AccessTokens } from './auth/access-tokens';
import { resolveJwtSecret } from './auth/jwt-secret';
import { Declarations } from './core/declarations';
import type { DomainModule } from './core/module';
import { entities, modules } from './modules';
import { createSchema } from './schema';
import { createWebRoutes, type WebRoutes } from './web/routes';
import { appBudgetPlugin, appSocketBudget } from './apps/app-budget-plugin';
import { AppAuthenticatorService } from './apps/app-authenticator.service';
import { CostBudgetService } from './apps/cost-budget.service';
import { OAuthService } from './apps/oauth.service';
import { WebhookService } from './apps/webhook.service';

export interface ServerOptions {
  config: Config;
  logger: Logger;
  databaseUrl: string;
  /** False: /readyz answers 503 until `ready()` is called (the process entry loads the demo village first). */
  ready?: boolean;
  /** Slices added only in tests (a notification kind of their own); they may declare no entities. */
  extraModules?: DomainModule[];
}

export interface RunningServer {
  url: string;
  port: number;
  container: Container;
  /** From now on /readyz says ready (while the database answers). */
  ready(): void;
  close(): Promise<void>;
}

/**
 * One node:http server: GraphQL over HTTP (Apollo Server) and over WebSocket (graphql-ws) at /graphql, health
 * at /healthz and /readyz, Prometheus metrics at /metrics. Migrations run first, under an advisory lock.
 */
export async function createServer({
  config,
  logger,
  databaseUrl,
  ready = true,
  extraModules = [],
}: ServerOptions): Promise<RunningServer> {
  let started = ready;
  const composed = [...modules, ...extraModules];
  const dataSource = createDataSource({ url: databaseUrl, poolSize: config.DB_POOL_SIZE, entities });
  await dataSource.initialize();
  const applied = await migrate(dataSource);
  if (applied) logger.info({ applied }, 'migrations applied');

  const bus = await createEventBus({ databaseUrl, redisUrl: config.REDIS_URL });
  const jobs = new JobQueue({ databaseUrl, logger });
  await jobs.start();
  const container = new Container()
    .register(Container, undefined as never)
    .register(Database, new Database(dataSource))
    .register(EventBus, bus)
    .register(JobQueue, jobs)
    .register(
      AccessTokens,
      new AccessTokens(resolveJwtSecret(config.JWT_SECRET, config.DATA_DIR), config.ACCESS_TOKEN_TTL),
    )
    .register(Config, config)
    .register(Declarations, new Declarations(composed));
  container.register(Container, container);
  const rateLimits = await RateLimits.create({ config, databaseUrl, logger });
  container.register(RateLimits, rateLimits);
  for (const module of composed) await module.start?.(container);

  const testHooks = config.TEST_HOOKS && !config.production;
  const extraResolvers = [
    ...(testHooks ? [TestHooksResolver] : []),
    ...extraModules.flatMap((m) => m.resolvers),
  ];
  const schema = await createSchema({ pubSub: bus, extraResolvers });
  container.get(WebhookService).useSchema(schema);
  const budgets = container.get(CostBudgetService);
  const oauth = container.get(OAuthService);
  const inFlight = new InFlight();
  const metrics = new Metrics({
    pool: () => poolOf(dataSource),
    queueDepth: () => jobs.depth(),
    inFlight: () => inFlight.size,
  });
  const guard = new OperationGuard({ schema, limits: operationLimits(config), rateLimits });
  const { apollo, stop: stopApollo } = await startApollo({
    schema,
    config,
    logger,
    guard,
    metrics,
    plugins: [appBudgetPlugin(budgets)],
  });

  // People's tokens (the auth slice) and apps' tokens (OAuth), for both transports.
  const authenticator = container.get(AppAuthenticatorService);
  const handleGraphQL = createGraphQLHandler({
    apollo,
    container,
    authenticator,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    trustedProxies: config.TRUST_PROXY,
    beforeExecute: refuseOverBudget(guard, metrics),
  });
  const httpServer = createHttpServer(
    {
      // A client must send its headers within HEADERS_TIMEOUT_MS and its whole request within
      // REQUEST_TIMEOUT_MS (408 otherwise), so that trickling bytes cannot hold sockets; the checks run every
      // second rather than Node's default 30, so that the limits are kept to about a second.
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
    createRoutes({
      handleGraphQL,
      readiness: () => readiness(dataSource, inFlight.draining, started),
      metrics,
      inFlight,
      corsOrigins: config.CORS_ORIGINS,
      logger,
      handleWeb: webRoutes(oauth, createWebRoutes(config)),
    }),
  );
  httpServer.keepAliveTimeout = 5000;
  const sockets = attachWebSockets({
    httpServer,
    schema,
    container,
    authenticator,
    path: '/graphql',
    guard,
    metrics,
    inFlight,
    logger,
    production: config.production,
    maxPayload: config.MAX_BODY_BYTES,
    trustedProxies: config.TRUST_PROXY,
    maxConnectionsPerIp: config.WS_MAX_CONNECTIONS_PER_IP,
    maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
    operationGate: appSocketBudget(budgets),
  });
  await new Promise<void>((done) => httpServer.listen(config.PORT, config.HOST, done));
  const { port } = httpServer.address() as AddressInfo;
  oauth.listeningOn(port);
  logger.info({ port, events: bus.backend }, 'Dorfmarkt is listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    container,
    ready: () => {
      started = true;
    },
    /**
     * Graceful stop: refuse new connections and new WebSocket operations, let HTTP requests and WebSocket
     * queries and mutations in flight finish (up to SHUTDOWN_GRACE_MS) while subscriptions keep receiving,
     * then close every socket with 1001 and let go of the database.
     */
    async close() {
      inFlight.draining = true;
      httpServer.close();
      httpServer.closeIdleConnections();
      await inFlight.settled(Date.now() + config.SHUTDOWN_GRACE_MS);
      await sockets.close();
      httpServer.closeAllConnections();
      await stopApollo();
      await jobs.stop();
      await bus.close();
      await rateLimits.close();
      oauth.stop();
      await budgets.close();
      await dataSource.destroy();
      logger.info('Dorfmarkt stopped');
    },
  };
}

/** OAuth's routes (/oauth/*, discovery) first, then the browser pages. */
function webRoutes(oauth: OAuthService, pages: WebRoutes): WebRoutes {
  return async (req, res, path) => (await oauth.handle(req, res, path)) || pages(req, res, path);
}

async function readiness(
  dataSource: DataSource,
  draining: boolean,
  started: boolean,
): Promise<[number, object]> {
  if (draining) return [503, { status: 'shutting down' }];
  if (!started) return [503, { status: 'starting' }];
  try {
    await dataSource.query('SELECT 1');
    return [200, { status: 'ready' }];
  } catch {
    return [503, { status: 'database unavailable' }];
  }
}

/** The `pg` pool under TypeORM, for the pool gauges. */
function poolOf(dataSource: DataSource): PoolStats | undefined {
  return (dataSource.driver as unknown as { master?: PoolStats }).master;
}
