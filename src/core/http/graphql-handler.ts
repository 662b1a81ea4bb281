import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { type Context, createContext, type Viewer } from '../context';
import type { Container } from '../container';
import type { Logger } from '../logger';
import { InvalidTokenError, type ViewerAuthenticator } from '../auth/viewer-authenticator';
import { ErrorCode } from '../errors/graphql-errors';
import { BodyTooLargeError, MalformedBodyError, parseJsonBody, readBody } from './read-body';
import { clientIp } from './client-ip';
import type { Metrics } from '../observability/metrics';
import type { OperationGuard } from '../security/operation-guard';
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from './errors';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<Context>;
  container: Container;
  authenticator: ViewerAuthenticator;
  logger: Logger;
  maxBodyBytes: number;
  /** Proxies in front whose X-Forwarded-For entries are trusted (TRUST_PROXY). */
  trustedProxies: number;
  /** Runs before execution with the viewer known; may answer the request itself (rate limits). */
  beforeExecute?: (
    req: IncomingMessage,
    res: ServerResponse,
    viewer: Viewer | null,
    ip: string,
  ) => Promise<boolean>;
}

/** The node:http bridge to Apollo Server: what `startStandaloneServer` does inside, with our own body limit. */
export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { apollo, container, authenticator, logger, maxBodyBytes } = options;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let body: unknown;
    try {
      body = parseJsonBody(await readBody(req, maxBodyBytes), req.headers['content-type']);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return sendError(res, 413, error.message, ErrorCode.BadUserInput);
      }
      if (error instanceof MalformedBodyError)
        return sendError(res, 400, error.message, ErrorCode.BadUserInput);
      throw error;
    }
    const ip = clientIp(req, options.trustedProxies);
    let viewer: Viewer | null;
    try {
      viewer = await authenticator.viewerFrom(req.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        // Counted against the address as an anonymous request: trying tokens must not be free.
        if (options.beforeExecute && (await options.beforeExecute(req, res, null, ip))) return;
        return sendError(res, 401, error.message, ErrorCode.Unauthenticated);
      }
      if (isDatabaseUnavailable(error)) {
        res.setHeader('retry-after', '2');
        return sendError(res, 503, UNAVAILABLE_MESSAGE, ErrorCode.ServiceUnavailable);
      }
      throw error;
    }
    if (options.beforeExecute && (await options.beforeExecute(req, res, viewer, ip))) return;

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // A client's own request id is kept for tracing when it looks like one; anything else could forge log lines.
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(container, viewer, requestId, ip),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader('x-request-id', requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
    logger.debug({ requestId }, 'chunked response finished');
  };
}

/** The `beforeExecute` of rate limits: a request over its budget gets 429 with Retry-After, before Apollo. */
export function refuseOverBudget(
  guard: OperationGuard,
  metrics: Metrics,
): GraphQLHandlerOptions['beforeExecute'] {
  return async (_req, res, viewer, ip) => {
    const limited = await guard.admit(viewer, ip);
    if (!limited) return false;
    const { retryAfter, limit } = limited.extensions;
    metrics.refused(`rate_${String(limit)}`);
    res.setHeader('retry-after', String(retryAfter));
    sendError(res, 429, limited.message, ErrorCode.RateLimited, { retryAfter, limit });
    return true;
  };
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  extra: object = {},
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }));
}
