import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import type { Config } from '../config';
import { ErrorCode } from '../errors/graphql-errors';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import type { OperationGuard } from '../security/operation-guard';
import { formatError } from './errors';
import { jitGateway } from './jit-executor';
import { refusalReason } from '../security/operation-guard';
import { persistedQueryCache, type PersistedQueryCache } from './persisted-queries';

export interface ApolloOptions {
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  guard: OperationGuard;
  metrics: Metrics;
  /** The slices' own plugins (apps' budgets), after core's. */
  plugins?: ApolloServerPlugin<Context>[];
}

export interface StartedApollo {
  apollo: ApolloServer<Context>;
  /** Stops Apollo and lets go of the persisted query cache. */
  stop(): Promise<void>;
}

/**
 * Apollo Server with the protections: the token limit in the parser (400 above it), the depth, alias and
 * directive rules in validation, the cost and login budgets once the operation is known, CSRF prevention,
 * automatic persisted queries (shared through Redis when REDIS_URL is set), metrics, and errors without
 * internals in production.
 */
export async function startApollo({
  schema,
  config,
  logger,
  guard,
  metrics,
  plugins = [],
}: ApolloOptions): Promise<StartedApollo> {
  const apq: PersistedQueryCache | null = config.PERSISTED_QUERIES
    ? persistedQueryCache(config.REDIS_URL)
    : null;
  const apollo = new ApolloServer<Context>({
    // GRAPHQL_EXECUTOR=jit: operations compiled by graphql-jit; graphql-js's execute otherwise.
    ...(config.GRAPHQL_EXECUTOR === 'jit' ? { gateway: jitGateway(schema) } : { schema }),
    introspection: true,
    // main.ts drains on SIGTERM; Apollo's own handler would stop it mid-drain and kill the process.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: guard.limits.maxTokens },
    validationRules: guard.protection.rules,
    persistedQueries: apq ? { cache: apq.cache, ttl: apq.ttl } : false,
    includeStacktraceInErrorResponses: !config.production,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No field carries a cache hint and every answer is private to its viewer; the default plugin would
      // still wrap every resolver to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      guardPlugin(guard, metrics),
      metricsPlugin(metrics),
      unavailablePlugin(),
      ...plugins,
    ],
    formatError: (formatted, error) => formatError(formatted, error, logger, config.production),
  });
  await apollo.start();
  return {
    apollo,
    async stop() {
      await apollo.stop();
      await apq?.close();
    },
  };
}

/** Refuses an operation over the cost limit (400) or the login budget (429) before anything runs. */
function guardPlugin(guard: OperationGuard, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          if (operation.operation === 'subscription') throw subscriptionOverHttp();
          const refusal = await guard.check(document, operation, request.variables, contextValue.ip);
          if (refusal) throw withHttpStatus(refusal);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const reason = refusalReason(error);
            if (reason) metrics.refused(reason);
          }
        },
      };
    },
  };
}

function subscriptionOverHttp(): GraphQLError {
  return new GraphQLError(
    'Subscriptions run over WebSocket (graphql-transport-ws) at /graphql, not over HTTP.',
    {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    },
  );
}

/** Rate limits answer 429 with Retry-After; query limits 400. */
export function withHttpStatus(error: GraphQLError): GraphQLError {
  const retryAfter = error.extensions.retryAfter;
  const http =
    error.extensions.code === ErrorCode.RateLimited
      ? { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) }
      : { status: 400 };
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http } });
}

function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response }) {
          const body = response.body;
          const ok = body.kind === 'single' ? !body.singleResult.errors?.length : true;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.observeOperation('http', operation ? operationName : undefined, seconds, ok);
        },
      };
    },
  };
}

/** When the database is away and nothing could be answered, say so with 503, as a load balancer expects. */
function unavailablePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body;
          if (body.kind !== 'single' || body.singleResult.data) return;
          const codes = body.singleResult.errors?.map((e) => e.extensions?.code) ?? [];
          if (codes.length && codes.every((c) => c === ErrorCode.ServiceUnavailable)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '2');
          }
        },
      };
    },
  };
}
