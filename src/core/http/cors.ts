import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
].join(', ');
const EXPOSED_HEADERS = ['retry-after', 'x-request-id'].join(', ');

/**
 * CORS for browsers on other origins: only those listed in CORS_ORIGINS (or any, with `*`) may call the API;
 * with none listed, browsers allow same-origin calls only. Tokens travel in the Authorization header, never in
 * cookies, so credentials are not allowed. Returns true when it answered a preflight request itself.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  const allowed = !!origin && (allowedOrigins.includes('*') || allowedOrigins.includes(origin));
  res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', allowedOrigins.includes('*') ? '*' : origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }
  if (req.method !== 'OPTIONS') return false;
  if (allowed) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.statusCode = 204;
  res.end();
  return true;
}
