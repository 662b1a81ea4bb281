import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws hands our hooks as `ctx.extra`, as its own `ws` adapter does. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** Stands in for a `next` message's payload while graphql-ws stringifies the message; `send` splices it. */
const MARKER = '\u0000dorfmarkt:payload';
const MARKER_JSON = JSON.stringify(MARKER);

/**
 * Each result object serialised once, however many subscribers receive it: SharedSubscriptions hands the same
 * object to every subscriber of one execution, and `onNext` passes it on unchanged.
 */
const serialised = new WeakMap<object, string>();
/** The payload of the message being stringified right now; stringify and send follow each other synchronously. */
let payload: string | null = null;

/** graphql-ws's `jsonMessageReplacer`: a `next` message's payload becomes MARKER, its JSON kept for `send`. */
function replacer(this: unknown, key: string, value: unknown): unknown {
  if (key !== 'payload' || (this as { type?: unknown }).type !== 'next') return value;
  if (typeof value !== 'object' || value === null) return value;
  let json = serialised.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    serialised.set(value, json);
  }
  payload = json;
  return MARKER;
}

function splice(data: string): string {
  if (payload === null) return data;
  const at = data.lastIndexOf(MARKER_JSON);
  const json = payload;
  payload = null;
  return at < 0 ? data : data.slice(0, at) + json + data.slice(at + MARKER_JSON.length);
}

/**
 * graphql-ws on a `ws` server, as graphql-ws's own `useServer` (graphql-ws/use/ws) does it (subprotocol, keep-alive
 * pings, close codes), with two changes for fan-out: each shared result is serialised once per event and spliced
 * into every subscriber's message (only the message's `id` differs), and frames are written without a promise
 * and callback per subscriber (`ws` reports a failed write by closing the socket, which ends its subscriptions).
 */
export function useWsServer<P extends Record<string, unknown>, E extends WsExtra>(
  options: ServerOptions<P, E>,
  ws: WebSocketServer,
  keepAlive = 12_000,
): { dispose(): Promise<void> } {
  const server = makeServer<P, E>({ ...options, jsonMessageReplacer: replacer });
  ws.options.handleProtocols = handleProtocols;
  const internalError = (socket: WebSocket, err: unknown) => {
    console.error('Internal error on a WebSocket; please check the implementation.', err);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };
  ws.once('error', (err) => {
    console.error('Internal error on the WebSocket server; please check the implementation.', err);
    for (const client of ws.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  ws.on('connection', (socket, request) => {
    socket.once('error', (err) => internalError(socket, err));
    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval =
      keepAlive > 0 && Number.isFinite(keepAlive)
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAlive);
            socket.once('pong', () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAlive)
        : null;
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          const message = splice(data);
          if (socket.readyState === socket.OPEN) socket.send(message);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (event) => {
            try {
              await cb(String(event));
            } catch (err) {
              internalError(socket, err);
            }
          }),
      },
      { socket, request } as E,
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pingInterval) clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of ws.clients) client.close(1001, 'Going away');
      ws.removeAllListeners();
      await new Promise<void>((resolve, reject) => ws.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
