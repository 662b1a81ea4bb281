import {
  InvalidTokenError,
  type TokenSession,
  type ViewerAuthenticator,
} from '../core/auth/viewer-authenticator';
import { Injectable } from '../core/container';
import type { Viewer } from '../core/context';
import { AuthenticatorService } from '../auth/authenticator.service';
import { OAuthService } from './oauth.service';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Both kinds of bearer token, for both transports: a person's JWT goes to the auth slice, an app's opaque token
 * (OAuth) to OAuthService, which reads it fresh on every request.
 */
@Injectable()
export class AppAuthenticatorService implements ViewerAuthenticator {
  constructor(
    private readonly people: AuthenticatorService,
    private readonly oauth: OAuthService,
  ) {}

  async viewerFrom(authorization: string | undefined | null): Promise<Viewer | null> {
    return (await this.sessionFrom(authorization))?.viewer ?? null;
  }

  async sessionFrom(authorization: string | undefined | null): Promise<TokenSession | null> {
    const token = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
    if (token) {
      const app = await this.oauth.viewerFrom(token);
      if (app === undefined) throw new InvalidTokenError('The app token is invalid, expired or revoked.');
      if (app) return app;
    }
    return this.people.sessionFrom(authorization);
  }

  onSessionsEnded(listener: (userId: string) => void): () => void {
    return this.people.onSessionsEnded(listener);
  }
}
