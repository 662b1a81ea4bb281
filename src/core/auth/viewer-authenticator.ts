import type { Viewer } from '../context';

/** A bearer token that is forged, expired or revoked: never silently anonymous, so a client notices. */
export class InvalidTokenError extends Error {}

/**
 * Turns an `Authorization` value into the viewer, for both transports. The auth slice provides it; `server.ts`
 * hands it to the transports, so that core knows no slice.
 */
export interface ViewerAuthenticator {
  /** null without a header; throws InvalidTokenError for a token that is not valid. */
  viewerFrom(authorization: string | undefined | null): Promise<Viewer | null>;
}
