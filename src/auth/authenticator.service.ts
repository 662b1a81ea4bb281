import type { Viewer } from '../core/context';
import {
  InvalidTokenError,
  type TokenSession,
  type ViewerAuthenticator,
} from '../core/auth/viewer-authenticator';
import { Injectable } from '../core/container';
import { AccessTokens } from './access-tokens';
import { SessionVersionService } from './session-version.service';

/**
 * Turns an `Authorization: Bearer …` value into the viewer. No header means anonymous; a forged, expired or
 * revoked token is an error, never silently anonymous, so a client notices and refreshes. A token is revoked
 * when its session version is no longer the user's (see SessionVersionService: in memory, no SQL once known).
 */
@Injectable()
export class AuthenticatorService implements ViewerAuthenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly sessionVersions: SessionVersionService,
  ) {}

  async viewerFrom(authorization: string | undefined | null): Promise<Viewer | null> {
    return (await this.sessionFrom(authorization))?.viewer ?? null;
  }

  /** The viewer with the token's expiry, for a connection that outlives a request (a WebSocket). */
  async sessionFrom(authorization: string | undefined | null): Promise<TokenSession | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const claims = match ? this.tokens.verify(match[1]) : null;
    if (!claims) throw new InvalidTokenError('The access token is invalid or expired.');
    if ((await this.sessionVersions.of(claims.userId)) !== claims.sessionVersion) {
      throw new InvalidTokenError('The access token has been revoked.');
    }
    return { viewer: { id: claims.userId }, expiresAtMs: claims.expiresAtMs };
  }

  /** Calls `listener` whenever a user's sessions end, on this instance or (through the event bus) another. */
  onSessionsEnded(listener: (userId: string) => void): () => void {
    return this.sessionVersions.onEnded(listener);
  }
}
