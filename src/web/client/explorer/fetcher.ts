import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { type ExecutionResult, getOperationAST } from 'graphql';
import { type Client, createClient } from 'graphql-ws';

/**
 * Queries and mutations go over HTTP with the header editor's headers; subscriptions go over graphql-ws on the
 * same endpoint, and the header editor's `Authorization` becomes the socket's `connection_init` payload, so one
 * token in the header editor signs in both.
 */
export function createFetcher(httpUrl: string, wsUrl: string): Fetcher {
  const http = createGraphiQLFetcher({ url: httpUrl, enableIncrementalDelivery: false });
  const sockets = new Map<string, Client>();
  const socketFor = (authorization: string): Client => {
    let client = sockets.get(authorization);
    if (!client) {
      client = createClient({
        url: wsUrl,
        connectionParams: authorization ? { authorization } : {},
        retryAttempts: 2,
      });
      sockets.set(authorization, client);
    }
    return client;
  };

  return (params: FetcherParams, opts?: FetcherOpts) => {
    const headers = withoutEmptyAuthorization(opts?.headers ?? {});
    const operation = opts?.documentAST
      ? getOperationAST(opts.documentAST, params.operationName ?? undefined)
      : null;
    if (operation?.operation !== 'subscription') return http(params, { ...opts, headers });
    return subscribe(socketFor(authorizationOf(headers)), params);
  };
}

/** Results as they come; graphql-ws yields formatted results, which is what GraphiQL shows. */
async function* subscribe(client: Client, params: FetcherParams): AsyncGenerator<ExecutionResult> {
  try {
    const results = client.iterate({ ...params, operationName: params.operationName ?? undefined });
    yield* results as AsyncIterable<ExecutionResult>;
  } catch (error) {
    throw asError(error);
  }
}

/** A socket closed by the server (4403: the token was refused) reaches here as a CloseEvent. */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error instanceof CloseEvent) {
    return new Error(`The socket closed (${error.code}${error.reason ? `: ${error.reason}` : ''}).`);
  }
  return new Error(JSON.stringify(error));
}

function authorizationOf(headers: Record<string, unknown>): string {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
  return key ? String(headers[key]) : '';
}

/** The example headers carry an empty `Authorization` to fill in; sent empty it would be an invalid token. */
function withoutEmptyAuthorization(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([key, value]) => key.toLowerCase() !== 'authorization' || !/^(bearer)?\s*$/i.test(String(value)),
    ),
  );
}
