import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from '@graphiql/toolkit';
import { type DocumentNode, type ExecutionResult, getOperationAST, Kind, parse } from 'graphql';
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

  return (given: FetcherParams, opts?: FetcherOpts) => {
    const headers = withoutEmptyAuthorization(opts?.headers ?? {});
    const document = parsed(given.query);
    const params = { ...given, operationName: operationNameIn(document, given.operationName) };
    const operation = document ? getOperationAST(document, params.operationName ?? undefined) : null;
    if (operation?.operation !== 'subscription')
      return http(params, { ...opts, headers, documentAST: document });
    return subscribe(socketFor(authorizationOf(headers)), params);
  };
}

/** The text as it is now; a text that does not parse goes to the server as it is (no name), which says why. */
function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

/**
 * GraphiQL learns the operation's name from the editor a moment after each keystroke, so a run at once after
 * typing (select all, type `{ __typename }`, Ctrl+Enter) comes with the name of the text that was there before.
 * The name is kept only when the text being sent has an operation of that name; otherwise the text's only
 * operation runs (with several, the server asks which).
 */
function operationNameIn(document: DocumentNode | undefined, name: string | null | undefined): string | null {
  if (!document) return null;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (name && operations.some((o) => o.name?.value === name)) return name;
  return operations.length === 1 ? (operations[0].name?.value ?? null) : null;
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
