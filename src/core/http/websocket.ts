import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { createContext, type Viewer } from '../context';
import type { ViewerAuthenticator } from '../auth/viewer-authenticator';
import type { Container } from '../container';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import type { OperationGuard } from '../security/operation-guard';
import { clientIp } from './client-ip';
import { formatError, isDatabaseUnavailable } from './errors';
import type { InFlight } from './in-flight';
import { operationPipeline } from './websocket-operations';

export interface WebSocketOptions {
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
}

type SocketExtra = Extra & { viewer?: Viewer | null; ip?: string } & Record<PropertyKey, unknown>;

/**
 * graphql-ws on the HTTP server's port and path. The `connection_init` payload may carry
 * `{ authorization: "Bearer …" }`: a valid token makes the socket's viewer, an invalid one closes it with 4403,
 * none leaves it anonymous. Queries and mutations run over the socket too, as its viewer. Every operation
 * passes the same guard as over HTTP before it runs (websocket-operations.ts), and its errors are formatted as
 * over HTTP.
 */
export function attachWebSockets(options: WebSocketOptions) {
  const { httpServer, container, path, metrics, logger, production } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  httpServer.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    metrics.socketOpened();
    ws.once('close', () => metrics.socketClosed());
    quietProtocolErrors(ws, logger);
  });
  const pipeline = operationPipeline(options);
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatError(e.toJSON(), e, logger, production));
  const disposable = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema: options.schema,
      onConnect: authenticate(options.authenticator, options.trustedProxies),
      onSubscribe: (ctx, _id, payload) =>
        pipeline.admit(ctx.extra.viewer ?? null, ctx.extra.ip ?? 'unknown', payload),
      execute: pipeline.execute,
      subscribe: pipeline.subscribe,
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : undefined,
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
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}

/** `onConnect`: the socket's viewer and address, once, from `connection_init` and the upgrade request. */
function authenticate(authenticator: ViewerAuthenticator, trustedProxies: number) {
  return async (ctx: {
    connectionParams?: Record<string, unknown>;
    extra: SocketExtra;
  }): Promise<boolean> => {
    ctx.extra.ip = clientIp(ctx.extra.request, trustedProxies);
    try {
      const authorization = ctx.connectionParams?.authorization;
      ctx.extra.viewer = await authenticator.viewerFrom(
        typeof authorization === 'string' ? authorization : null,
      );
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) return false;
      // 1013: try again later; a valid token must not look refused (4403) while the database is away.
      ctx.extra.socket.close(1013, 'Database unavailable; try again shortly.');
      return false;
    }
  };
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
