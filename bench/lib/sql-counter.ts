import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Counts the SQL statements a server sends to PostgreSQL, from outside the server: a TCP proxy between it and
 * PostgreSQL that reads the frontend protocol and counts every simple Query ('Q') and every Execute ('E') of
 * the extended protocol, on connections whose `application_name` matches. It works for any client library and
 * any server (ours, PostGraphile) and needs no PostgreSQL setting. pg_stat_statements would do the same from
 * inside PostgreSQL, but it must be preloaded at server start, which the machine's shared PostgreSQL is not.
 * The proxy costs a hop, so it is only used in short counting passes, never while measuring latency.
 */
export interface StatementCounter {
  /** A URL like `databaseUrl` that goes through the proxy. */
  url: string;
  /** Statements counted since the last take, with the transaction-control part (BEGIN, COMMIT, …) apart. */
  take(): { total: number; transactionControl: number };
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

export async function startStatementCounter(
  databaseUrl: string,
  applicationName: RegExp,
): Promise<StatementCounter> {
  const target = new URL(databaseUrl);
  let total = 0;
  let transactionControl = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const parser = frontendParser((kind, text) => {
      total++;
      if (TRANSACTION_CONTROL.test(text)) transactionControl++;
      void kind;
    }, applicationName);
    client.on('data', (chunk: Buffer) => {
      parser(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    take() {
      const counts = { total, transactionControl };
      total = 0;
      transactionControl = 0;
      return counts;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/**
 * A streaming reader of one connection's frontend messages. The first message has no type byte (startup,
 * SSL or cancel request); every later one is a type byte and a 4-byte length that counts itself.
 */
function frontendParser(onStatement: (kind: 'Q' | 'E', text: string) => void, appName: RegExp) {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  let counted = false;
  let unnamedStatement = '';
  const named = new Map<string, string>();
  const portals = new Map<string, string>();
  return (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) {
          started = true;
          counted = appName.test(startupParameters(buffer.subarray(8, length)).application_name ?? '');
        }
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      const type = String.fromCharCode(buffer[0]);
      const body = buffer.subarray(5, length + 1);
      if (counted) {
        if (type === 'Q') onStatement('Q', cstring(body, 0)[0]);
        else if (type === 'P') {
          const [name, next] = cstring(body, 0);
          const [text] = cstring(body, next);
          if (name) named.set(name, text);
          else unnamedStatement = text;
        } else if (type === 'B') {
          const [portal, next] = cstring(body, 0);
          const [statement] = cstring(body, next);
          portals.set(portal, statement ? (named.get(statement) ?? '') : unnamedStatement);
        } else if (type === 'E') onStatement('E', portals.get(cstring(body, 0)[0]) ?? '');
      }
      buffer = buffer.subarray(length + 1);
    }
  };
}

function cstring(buf: Buffer, start: number): [string, number] {
  const end = buf.indexOf(0, start);
  return [buf.toString('utf8', start, end), end + 1];
}

function startupParameters(body: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const [key, next] = cstring(body, at);
    const [value, after] = cstring(body, next);
    params[key] = value;
    at = after;
  }
  return params;
}
