import type { WebSocket } from 'ws';
import type { Viewer } from '../context';
import { InvalidTokenError, type ViewerAuthenticator } from '../auth/viewer-authenticator';
import type { Logger } from '../logger';
import { isDatabaseUnavailable } from './errors';

/** graphql-ws's Forbidden: what a socket whose token no longer holds is closed with, as for a refused token. */
export const FORBIDDEN_CLOSE = 4403;
/**
 * How often every signed-in socket's token is checked again, besides the check before each operation: it
 * bounds how long a socket outlives a revocation whose event was lost (as SessionVersions does for HTTP).
 */
const SWEEP_MS = 60_000;

/** One signed-in socket: its viewer, the token it runs on and the timer that ends it when the token expires. */
export interface SocketSession {
  readonly socket: WebSocket;
  readonly viewer: Viewer;
  authorization: string;
  expiresAtMs: number;
  timer?: NodeJS.Timeout;
  ended: boolean;
}

/**
 * The signed-in sockets of this instance. A socket acts as its user only while its token would be accepted over
 * HTTP: it is checked again before every operation (expiry and session version), and the socket is closed with
 * 4403 (which ends its subscriptions) when the token expires, when the user's sessions end on any instance
 * (logout everywhere, account deleted), or when a sweep finds it revoked. A client keeps its subscriptions past
 * the token's expiry by renewing: a graphql-ws `ping` whose payload is `{ authorization: "Bearer <new token>" }`
 * for the same user.
 */
export class SocketSessions {
  private readonly byUser = new Map<string, Set<SocketSession>>();
  private readonly sweep: NodeJS.Timeout;
  private readonly stopListening: () => void;

  constructor(
    private readonly authenticator: ViewerAuthenticator,
    private readonly logger: Logger,
  ) {
    this.stopListening = authenticator.onSessionsEnded((userId) => {
      for (const session of this.byUser.get(userId) ?? []) this.end(session, 'Your sessions have ended.');
    });
    this.sweep = setInterval(() => void this.checkAll(), SWEEP_MS);
    this.sweep.unref();
  }

  /**
   * The session of a socket from its `connection_init` authorization: null without one (anonymous); throws
   * InvalidTokenError for a token that would be refused over HTTP.
   */
  async open(socket: WebSocket, authorization: string | null): Promise<SocketSession | null> {
    const found = await this.authenticator.sessionFrom(authorization);
    if (!found) return null;
    const session: SocketSession = {
      socket,
      viewer: found.viewer,
      authorization: authorization!,
      expiresAtMs: found.expiresAtMs,
      ended: false,
    };
    const sessions = this.byUser.get(session.viewer.id) ?? new Set();
    this.byUser.set(session.viewer.id, sessions.add(session));
    this.schedule(session);
    socket.once('close', () => this.forget(session));
    return session;
  }

  /**
   * Whether the socket's token still holds, as HTTP would judge it now; ends the socket when it does not. While
   * the database is away a session version cannot be read: the socket goes on (its expiry timer still runs, and
   * the operation itself answers SERVICE_UNAVAILABLE if it needs the database).
   */
  async check(session: SocketSession): Promise<boolean> {
    if (session.ended) return false;
    try {
      await this.authenticator.sessionFrom(session.authorization);
      return true;
    } catch (error) {
      if (isDatabaseUnavailable(error)) return true;
      if (!(error instanceof InvalidTokenError)) throw error;
      this.end(session, error.message);
      return false;
    }
  }

  /**
   * A renewal (`ping` with an authorization): a valid token of the same user replaces the socket's, so that it
   * lives on until the new token expires; any other token ends the socket, as it would refuse a connection.
   * Resolves with the new expiry, or null when the socket was ended.
   */
  async renew(session: SocketSession | null, socket: WebSocket, authorization: string): Promise<Date | null> {
    let renewed;
    try {
      renewed = await this.authenticator.sessionFrom(authorization);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return session ? new Date(session.expiresAtMs) : null;
      if (!(error instanceof InvalidTokenError)) throw error;
    }
    if (!session || session.ended || renewed?.viewer.id !== session.viewer.id) {
      if (session) this.end(session, 'The renewal was refused: not a valid token of this socket’s user.');
      else socket.close(FORBIDDEN_CLOSE, 'Only a signed-in socket can renew its token.');
      return null;
    }
    session.authorization = authorization;
    session.expiresAtMs = renewed.expiresAtMs;
    this.schedule(session);
    return new Date(session.expiresAtMs);
  }

  /** Stops the sweep and the listener (the sockets themselves are closed by the server). */
  dispose(): void {
    clearInterval(this.sweep);
    this.stopListening();
    for (const sessions of this.byUser.values()) for (const s of sessions) clearTimeout(s.timer);
  }

  private schedule(session: SocketSession): void {
    clearTimeout(session.timer);
    // setTimeout holds at most ~24.8 days; a token never lives that long, but an odd TTL must not fire at once.
    const delay = Math.min(Math.max(0, session.expiresAtMs - Date.now()), 2 ** 31 - 1);
    session.timer = setTimeout(() => this.end(session, 'The access token has expired.'), delay);
    session.timer.unref();
  }

  private end(session: SocketSession, reason: string): void {
    if (session.ended) return;
    session.ended = true;
    clearTimeout(session.timer);
    session.socket.close(FORBIDDEN_CLOSE, reason);
    this.forget(session);
  }

  private forget(session: SocketSession): void {
    clearTimeout(session.timer);
    const sessions = this.byUser.get(session.viewer.id);
    sessions?.delete(session);
    if (sessions?.size === 0) this.byUser.delete(session.viewer.id);
  }

  private async checkAll(): Promise<void> {
    const all = [...this.byUser.values()].flatMap((sessions) => [...sessions]);
    const checks = await Promise.allSettled(all.map((session) => this.check(session)));
    const failed = checks.filter((c) => c.status === 'rejected').length;
    if (failed)
      this.logger.warn({ failed }, 'could not check the tokens of some sockets; trying again later');
  }
}
