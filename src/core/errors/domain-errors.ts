import { ErrorCode } from './graphql-errors';

/**
 * What a service throws when a request cannot be served as asked and no userError fits: the viewer may not do it,
 * is not signed in, or sent what cannot be read (a malformed cursor or page size). Services know nothing of
 * GraphQL: each error only names its code. This is the one place where those become GraphQL codes: graphql-js
 * copies an original error's `extensions` onto the GraphQL error it reports, so the client reads `extensions.code`
 * (and any other extension) over HTTP and WebSocket alike, formatted as every coded error is (core/http/errors.ts).
 * What the user can fix in a mutation's input is a UserFacingError instead, answered as `userErrors`.
 */
export class DomainError extends Error {
  readonly extensions: Readonly<Record<string, unknown>> & { readonly code: string };

  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = { ...extensions, code };
  }

  get code(): string {
    return this.extensions.code;
  }
}

/** Signed in, but not allowed to do this. */
export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.') {
    super(ErrorCode.Forbidden, message);
  }
}

/** No viewer where one is needed. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to do this.') {
    super(ErrorCode.Unauthenticated, message);
  }
}

/** What the schema cannot read: a malformed global ID or cursor, page arguments out of range. */
export class InvalidInputError extends DomainError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.BadUserInput, message, extensions);
  }
}
