import type { IncomingMessage } from 'node:http';

/**
 * The client's address. Behind `trustedProxies` proxies (TRUST_PROXY), each of which appends the address it
 * received the request from to X-Forwarded-For, the client is that many entries from the right; what a client
 * writes into the header itself lies further left and is ignored, so it cannot pick its own rate limit key.
 */
export function clientIp(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)];
}
