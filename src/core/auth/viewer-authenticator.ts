import type { Viewer } from '../context';

/** A bearer token that is forged, expired or revoked: never silently anonymous, so a client notices. */
export class InvalidTokenError extends Error {}

/** What a valid bearer token stands for, and until when. */
export interface TokenSession {
  viewer: Viewer;
  expiresAtMs: number;
}

/**
 * Turns an `Authorization` value into the viewer, for both transports. The auth slice provides it; `server.ts`
 * hands it to the transports, so that core knows no slice.
 */
export interface ViewerAuthenticator {
  /** null without a header; throws InvalidTokenError for a token that is not valid. */
  viewerFrom(authorization: string | undefined | null): Promise<Viewer | null>;
  /** The viewer with the token's expiry, for a connection that outlives a request (a WebSocket). */
  sessionFrom(authorization: string | undefined | null): Promise<TokenSession | null>;
  /** Calls `listener` whenever a user's sessions end, on this instance or another; answers how to stop. */
  onSessionsEnded(listener: (userId: string) => void): () => void;
}
