import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors/graphql-errors';
import type { Logger } from '../logger';

export const UNAVAILABLE_MESSAGE = 'The database is unavailable at the moment; try again in a few seconds.';

/** SQLSTATE classes and socket errors that mean "the database is away", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3])/;
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Connection is closed|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/** Whether an error (or what it wraps) is the database being unreachable, restarting or shutting down. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, name, driverError, cause, originalError, errors } = error as Record<string, unknown>;
  // TypeORM's answer to a query in a transaction whose connection was lost under it.
  if (name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
    return true;
  if (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)) return true;
  const inner = [driverError, cause, originalError, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((e) => isDatabaseUnavailable(e, depth + 1));
}

/** A coded error is an answer, not a bug: its stack trace would only be noise, even outside production. */
function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * Errors with a code are meant for clients and pass as they are (without a stack trace), and so do Apollo's
 * own refusals of malformed requests (a 4xx status without a code: given BAD_REQUEST). The rest are
 * unexpected: logged in full, and answered as SERVICE_UNAVAILABLE when the database is away, or as
 * INTERNAL_SERVER_ERROR without internals in production (the stack trace is left out there by Apollo's own
 * setting). Production also hides field suggestions ("Did you mean …?"), which map the schema for a stranger.
 * Used for both transports.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
  production: boolean,
): GraphQLFormattedError {
  const shown = production ? hideSuggestions(formatted) : formatted;
  const code = shown.extensions?.code;
  if (code && code !== ErrorCode.Internal) return withoutStacktrace(shown);
  if (clientErrorStatus(error)) return { ...withoutStacktrace(shown), extensions: { code: 'BAD_REQUEST' } };
  const original = unwrapResolverError(error);
  const { locations, path } = formatted;
  if (isDatabaseUnavailable(original)) {
    logger.warn({ err: original }, 'database unavailable');
    return {
      message: UNAVAILABLE_MESSAGE,
      locations,
      path,
      extensions: { code: ErrorCode.ServiceUnavailable },
    };
  }
  logger.error({ err: original }, 'unexpected error');
  if (!production) return formatted;
  return { message: 'Internal server error.', locations, path, extensions: { code: ErrorCode.Internal } };
}

function hideSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/ ?Did you mean .+\?$/, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

/** Apollo marks its refusals of malformed requests with an HTTP status below 500. */
function clientErrorStatus(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } })?.extensions?.http?.status;
  return typeof status === 'number' && status < 500;
}
