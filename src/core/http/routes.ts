import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors/graphql-errors';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { applyCors } from './cors';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './errors';
import { sendError } from './graphql-handler';
import type { InFlight } from './in-flight';

export interface RoutesOptions {
  handleGraphQL: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** 200 once migrations have run and the database answers; 503 while it does not, or while stopping. */
  readiness: () => Promise<[number, object]>;
  metrics: Metrics;
  inFlight: InFlight;
  corsOrigins: string[];
  logger: Logger;
  /** Pages for browsers (the explorer, the live pool page); true when it answered the request. */
  handleWeb?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

/** The node:http request listener: GraphQL at /graphql, health, readiness and metrics beside it. */
export function createRoutes(options: RoutesOptions) {
  const { handleGraphQL, readiness, metrics, inFlight, corsOrigins, logger, handleWeb } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const done = inFlight.begin();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = ROUTES.has(path) ? path : 'other';
    res.once('close', () => {
      done();
      metrics.httpResponse(route, res.statusCode);
    });
    // While draining, each answer closes its connection, so that keep-alive clients reconnect elsewhere.
    if (inFlight.draining) res.setHeader('connection', 'close');
    try {
      if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz') return sendJson(res, ...(await readiness()));
      if (path === '/metrics') return await sendMetrics(res, metrics);
      if (handleWeb && (await handleWeb(req, res, path))) return;
      if (path === '/graphql') {
        if (applyCors(req, res, corsOrigins)) return;
        return await handleGraphQL(req, res);
      }
      sendJson(res, 404, { error: 'Not found. GraphQL lives at /graphql.' });
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (isDatabaseUnavailable(error)) {
        res.setHeader('retry-after', '2');
        return sendError(res, 503, UNAVAILABLE_MESSAGE, ErrorCode.ServiceUnavailable);
      }
      logger.error({ err: error, path }, 'request failed');
      sendError(res, 500, 'Internal server error.', ErrorCode.Internal);
    }
  };
}

async function sendMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  const { contentType, body } = await metrics.expose();
  res.setHeader('content-type', contentType);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
