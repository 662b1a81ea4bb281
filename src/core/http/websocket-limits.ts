import type { Duplex } from 'node:stream';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/graphql-errors';

export interface WebSocketLimitOptions {
  /** Open sockets one client address may hold at once (WS_MAX_CONNECTIONS_PER_IP); 0: no cap. */
  maxConnectionsPerIp: number;
  /** Subscriptions one socket may run at once (WS_MAX_SUBSCRIPTIONS); 0: no cap. */
  maxSubscriptions: number;
}

/**
 * Caps that keep one client from holding an instance's memory: each idle socket costs tens of kilobytes and each
 * subscription its share of every event. Counted per instance: a client spread over instances by a balancer
 * gets the cap on each.
 */
export class WebSocketLimits {
  private readonly open = new Map<string, number>();

  constructor(private readonly options: WebSocketLimitOptions) {}

  /**
   * Admits an upgrade from `ip` and counts it until `release`; over the cap answers it with HTTP 429 (before any
   * WebSocket exists, the cheapest refusal) and returns false.
   */
  admit(ip: string, socket: Duplex): boolean {
    const max = this.options.maxConnectionsPerIp;
    const count = this.open.get(ip) ?? 0;
    if (max > 0 && count >= max) {
      refuseUpgrade(socket, `Too many WebSocket connections from this address (at most ${max}).`);
      return false;
    }
    this.open.set(ip, count + 1);
    return true;
  }

  release(ip: string): void {
    const count = (this.open.get(ip) ?? 1) - 1;
    if (count <= 0) this.open.delete(ip);
    else this.open.set(ip, count);
  }

  /**
   * The error refusing one more subscription on a socket that runs `active` of them already, or null. The socket
   * stays open: the client may complete one and subscribe again.
   */
  subscriptionRefusal(active: number): GraphQLError | null {
    const max = this.options.maxSubscriptions;
    if (max === 0 || active < max) return null;
    return new GraphQLError(
      `This socket runs ${max} subscriptions already, the most it may; complete one before starting another.`,
      { extensions: { code: ErrorCode.LimitExceeded, limit: 'subscriptions', max } },
    );
  }
}

function refuseUpgrade(socket: Duplex, message: string): void {
  const body = JSON.stringify({
    errors: [{ message, extensions: { code: ErrorCode.LimitExceeded, limit: 'connections' } }],
  });
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\n' +
      'Retry-After: 10\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
