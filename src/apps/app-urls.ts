import { isIP } from 'node:net';

/** Hosts that are this machine: plain http is allowed only to these (and only outside production for webhooks). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

/**
 * Whether a host names a private, link-local or otherwise internal address (or this machine): webhook URLs may
 * not point there in production, so that an app cannot make the server call into its own network.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (isIP(host) === 6) return privateV6(host);
  return host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.');
}

function privateV6(host: string): boolean {
  return (
    host === '::' ||
    host === '::1' ||
    host.startsWith('fc') ||
    host.startsWith('fd') ||
    host.startsWith('fe80') ||
    host.startsWith('::ffff:')
  );
}

/** The URL when it is absolute http(s) without credentials or fragment; null otherwise. */
export function parseAbsoluteUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.hash || value.includes('#')) return null;
  return url;
}
