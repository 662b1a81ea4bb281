import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSocket {
  client: Client;
  /** Subscribes and queues every message, so none is missed between awaits. */
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  /** Runs a query or mutation over the socket. */
  execute<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /**
   * Renews the socket's token as a client would: a graphql-ws `ping` with `{ authorization }`; resolves with the
   * pong's payload (the new expiry), or rejects when none comes within 5 s.
   */
  renew(token: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export interface Subscription<T> {
  /** The next message, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<{ data?: T; errors?: any[] }>;
  /** Waits for a message satisfying `match`, dropping the ones before it. */
  until(match: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  dispose(): void;
}

/** A graphql-ws client on a real socket; `closed` resolves with the close event's code. */
export function connectSocket(
  httpUrl: string,
  token?: string | null,
  extraParams: Record<string, unknown> = {},
) {
  let resolveClosed: (code: number) => void;
  const closed = new Promise<number>((r) => (resolveClosed = r));
  let raw: WebSocket | null = null;
  const pongs: Array<(payload: Record<string, unknown> | undefined) => void> = [];
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}`, ...extraParams } : extraParams,
    on: {
      closed: (event) => resolveClosed((event as { code: number }).code),
      connected: (socket) => (raw = socket as WebSocket),
      pong: (received, payload) => {
        if (received) pongs.shift()?.(payload as Record<string, unknown> | undefined);
      },
    },
    onNonLazyError: () => undefined,
  });
  const socket: TestSocket = {
    client,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}) {
      const queue: Array<{ data?: T; errors?: any[] }> = [];
      const waiters: Array<(m: { data?: T; errors?: any[] }) => void> = [];
      const push = (message: { data?: T; errors?: any[] }) => {
        const waiter = waiters.shift();
        if (waiter) waiter(message);
        else queue.push(message);
      };
      const dispose = client.subscribe<T>(
        { query, variables },
        {
          next: (m) => push(m as { data?: T; errors?: any[] }),
          error: (e) => push({ errors: Array.isArray(e) ? e : [e] }),
          complete: () => undefined,
        },
      );
      const next = (timeoutMs = 5000) =>
        new Promise<{ data?: T; errors?: any[] }>((resolve, reject) => {
          const queued = queue.shift();
          if (queued) return resolve(queued);
          const waiter = (m: { data?: T; errors?: any[] }) => {
            clearTimeout(timer);
            resolve(m);
          };
          // A waiter that timed out must leave the line, or it would swallow the next message.
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(new Error(`no subscription message within ${timeoutMs} ms`));
          }, timeoutMs);
          waiters.push(waiter);
        });
      return {
        next,
        async until(match: (data: T) => boolean, timeoutMs = 5000): Promise<T> {
          const end = Date.now() + timeoutMs;
          for (;;) {
            const message = await next(Math.max(1, end - Date.now()));
            if (message.data && match(message.data)) return message.data;
          }
        },
        dispose,
      };
    },
    execute<T>(query: string, variables: Record<string, unknown> = {}) {
      return new Promise<{ data?: T; errors?: any[] }>((resolve, reject) => {
        let result: { data?: T; errors?: any[] } = {};
        client.subscribe<T>(
          { query, variables },
          {
            next: (m) => (result = m as typeof result),
            error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)),
            complete: () => resolve(result),
          },
        );
      });
    },
    renew(token: string) {
      return new Promise((resolve, reject) => {
        if (!raw) return reject(new Error('the socket is not connected yet'));
        const timer = setTimeout(() => reject(new Error('no pong within 5 s')), 5000);
        pongs.push((payload) => {
          clearTimeout(timer);
          resolve(payload);
        });
        raw.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${token}` } }));
      });
    },
    close: () => client.dispose() as Promise<void>,
  };
  return Object.assign(socket, { closed });
}
