import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  type DocumentNode,
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { createContext, type Viewer } from '../context';
import { InvalidTokenError, type ViewerAuthenticator } from '../auth/viewer-authenticator';
import type { Container } from '../container';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import type { OperationGuard } from '../security/operation-guard';
import { clientIp } from './client-ip';
import type { DomainError } from '../errors/domain-errors';
import { ErrorCode } from '../errors/graphql-errors';
import { formatError, isDatabaseUnavailable } from './errors';
import type { InFlight } from './in-flight';
import { operationPipeline } from './websocket-operations';
import { useWsServer, type WsExtra } from './ws-server';
import { type SocketSession, SocketSessions } from './socket-sessions';
import { WebSocketLimits, type WebSocketLimitOptions } from './websocket-limits';

export interface WebSocketOptions extends WebSocketLimitOptions {
  httpServer: HttpServer;
  schema: GraphQLSchema;
  container: Container;
  authenticator: ViewerAuthenticator;
  path: string;
  guard: OperationGuard;
  metrics: Metrics;
  inFlight: InFlight;
  logger: Logger;
  production: boolean;
  /** Largest message accepted; a larger one closes the socket with 1009. */
  maxPayload: number;
  trustedProxies: number;
  /** A slice's check of each admitted operation (apps' cost budgets): an error refuses it. */
  operationGate?: OperationGate;
}

export type OperationGate = (
  viewer: Viewer | null,
  operation: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode },
  variables: Record<string, unknown> | undefined,
) => Promise<DomainError | null>;

type SocketExtra = WsExtra & {
  viewer?: Viewer | null;
  ip?: string;
  session?: SocketSession | null;
  /** Ids of the subscriptions started on the socket; those no longer running are dropped when counting. */
  subscriptionIds?: Set<string>;
} & Record<PropertyKey, unknown>;

/**
 * graphql-ws on the HTTP server's port and path. The `connection_init` payload may carry
 * `{ authorization: "Bearer …" }`: a valid token makes the socket's viewer, an invalid one closes it with 4403,
 * none leaves it anonymous. Queries and mutations run over the socket too, as its viewer. Every operation
 * passes the same guard as over HTTP before it runs (websocket-operations.ts), and its errors are formatted as
 * over HTTP. A signed-in socket lives only as long as its token would be accepted over HTTP, unless renewed with
 * a `ping` (socket-sessions.ts); an address holds a limited number of sockets, a socket a limited number of
 * subscriptions (websocket-limits.ts).
 */
export function attachWebSockets(options: WebSocketOptions) {
  const { httpServer, container, path, metrics, logger, production } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const limits = new WebSocketLimits(options);
  const sessions = new SocketSessions(options.authenticator, logger);
  httpServer.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return void socket.destroy();
    const ip = clientIp(req, options.trustedProxies);
    if (!limits.admit(ip, socket)) return;
    // Released once, whether the upgrade fails (the raw socket closes) or the WebSocket closes later.
    let counted = true;
    const release = () => {
      if (counted) limits.release(ip);
      counted = false;
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('close', release);
      wss.emit('connection', ws, req);
    });
  });
  wss.on('connection', (ws) => {
    metrics.socketOpened();
    ws.once('close', () => metrics.socketClosed());
    quietProtocolErrors(ws, logger);
  });
  const pipeline = operationPipeline(options);
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatError(e.toJSON(), e, logger, production));
  const disposable = useWsServer<Record<string, unknown>, SocketExtra>(
    {
      schema: options.schema,
      onConnect: authenticate(sessions, options.guard, options.trustedProxies),
      onSubscribe: async (ctx, id, payload) => {
        const { session, ip } = ctx.extra;
        if (session && !(await sessions.check(session)))
          return [
            new GraphQLError('The access token is no longer valid.', {
              extensions: { code: ErrorCode.Unauthenticated },
            }),
          ];
        const admitted = await pipeline.admit(ctx.extra.viewer ?? null, ip ?? 'unknown', payload);
        if (Array.isArray(admitted)) return admitted;
        const operation = getOperationAST(admitted.document, admitted.operationName);
        const gated =
          operation &&
          (await options.operationGate?.(
            ctx.extra.viewer ?? null,
            { schema: admitted.schema, document: admitted.document, operation },
            admitted.variableValues ?? undefined,
          ));
        if (gated) {
          // An HTTP status means nothing on a socket.
          const { http: _http, ...extensions } = gated.extensions;
          return [new GraphQLError(gated.message, { extensions, originalError: gated })];
        }
        if (!isSubscription(admitted)) return admitted;
        const ids = (ctx.extra.subscriptionIds ??= new Set());
        for (const started of ids) if (!(started in ctx.subscriptions)) ids.delete(started);
        const refusal = limits.subscriptionRefusal(ids.size);
        if (refusal) return [refusal];
        ids.add(id);
        return admitted;
      },
      onPing: async (ctx, payload) => {
        const authorization = payload?.authorization;
        if (!payload || typeof authorization !== 'string') return;
        const expiresAt = await sessions.renew(ctx.extra.session ?? null, ctx.extra.socket, authorization);
        // graphql-ws answers with a pong carrying this same payload object: it says until when, not the token.
        delete payload.authorization;
        if (expiresAt) payload.expiresAt = expiresAt.toISOString();
      },
      execute: pipeline.execute,
      subscribe: pipeline.subscribe,
      // The result itself when it has no errors: one object shared by all subscribers, serialised once.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors),
      context: (ctx) =>
        createContext(container, ctx.extra.viewer ?? null, randomUUID(), ctx.extra.ip ?? 'unknown'),
    },
    wss,
  );
  return {
    wss,
    /** Closes every socket with 1001 (going away), then the server. */
    async close(): Promise<void> {
      sessions.dispose();
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}

/**
 * `onConnect`: the socket's viewer and address, once, from `connection_init` and the upgrade request. A refused
 * token counts against the address's budget, as over HTTP, so that guessing tokens is not free.
 */
function authenticate(sessions: SocketSessions, guard: OperationGuard, trustedProxies: number) {
  return async (ctx: {
    connectionParams?: Record<string, unknown>;
    extra: SocketExtra;
  }): Promise<boolean> => {
    const ip = clientIp(ctx.extra.request, trustedProxies);
    ctx.extra.ip = ip;
    try {
      const authorization = ctx.connectionParams?.authorization;
      const session = await sessions.open(
        ctx.extra.socket,
        typeof authorization === 'string' ? authorization : null,
      );
      ctx.extra.session = session;
      ctx.extra.viewer = session?.viewer ?? null;
      return true;
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        await guard.admit(null, ip);
        return false;
      }
      if (!isDatabaseUnavailable(error)) throw error;
      // 1013: try again later; a valid token must not look refused (4403) while the database is away.
      ctx.extra.socket.close(1013, 'Database unavailable; try again shortly.');
      return false;
    }
  };
}

function isSubscription(args: ExecutionArgs): boolean {
  return getOperationAST(args.document, args.operationName)?.operation === 'subscription';
}

/**
 * A client's protocol error (such as a message over maxPayload): ws has already closed the socket with the fitting
 * code (1009, 1002…). graphql-ws would print it to stderr with a stack trace, a log flood any client could cause;
 * it is noted quietly instead.
 */
function quietProtocolErrors(ws: WebSocket, logger: Logger): void {
  const emit = ws.emit.bind(ws);
  ws.emit = (event: string | symbol, ...args: unknown[]) => {
    const code = (args[0] as { code?: unknown } | undefined)?.code;
    if (event !== 'error' || typeof code !== 'string' || !code.startsWith('WS_ERR_'))
      return emit(event, ...args);
    logger.debug({ code }, 'WebSocket protocol error from a client');
    return true;
  };
}
