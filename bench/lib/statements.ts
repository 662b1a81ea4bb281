import { dorfmarktSpec } from './dorfmarkt';
import { startServer, type ServerSpec } from './processes';
import type { Bench } from './section';
import { startStatementCounter } from './sql-counter';

export interface StatementsPerRequest {
  total: number;
  transactionControl: number;
  requests: number;
}

/** One kind of request to count, sent with a running number (to vary ids, viewers, keys). */
export type CountedRequest = (serverUrl: string, i: number) => Promise<unknown>;

/**
 * SQL statements per request: the server (ours unless another spec is given) is started once more with its
 * database reached through the counting proxy; each kind of request is warmed up, then sent `count` times one
 * after another, and counted on its own.
 */
export async function measureStatements<K extends string>(
  bench: Bench,
  databaseUrl: string,
  requests: Record<K, CountedRequest>,
  options: { spec?: (proxiedUrl: string) => ServerSpec; applicationName?: RegExp; count?: number } = {},
): Promise<Record<K, StatementsPerRequest>> {
  const counter = await startStatementCounter(databaseUrl, options.applicationName ?? /^dorfmarkt$/);
  const spec = options.spec?.(counter.url) ?? dorfmarktSpec(bench.root, counter.url, { limits: true });
  const server = await startServer({ ...spec, name: `${spec.name} (counting SQL)` });
  const count = options.count ?? 20;
  const result = {} as Record<K, StatementsPerRequest>;
  try {
    for (const [name, request] of Object.entries(requests) as Array<[K, CountedRequest]>) {
      for (let i = 0; i < 3; i++) await request(server.url, i);
      counter.take();
      for (let i = 0; i < count; i++) await request(server.url, i + 3);
      const { total, transactionControl } = counter.take();
      result[name] = {
        total: total / count,
        transactionControl: transactionControl / count,
        requests: count,
      };
    }
    return result;
  } finally {
    await server.stop();
    await counter.close();
  }
}
