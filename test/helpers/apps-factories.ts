import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from './server';
import type { TestUser } from './factories';

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export interface TestApp {
  id: string;
  clientId: string;
  clientSecret: string;
}

/** Registers an app through createApp, as its owner. */
export async function registerApp(
  server: TestServer,
  owner: TestUser,
  options: { scopes: string[]; redirectUris?: string[]; merchantId?: string; name?: string },
): Promise<TestApp> {
  const res = await server.gql(
    `mutation($input: CreateAppInput!) { createApp(input: $input) {
       app { id clientId } clientSecret userErrors { field code message } } }`,
    {
      input: {
        name: options.name ?? 'Dorfbote',
        description: 'The local paper: live pools on our pages.',
        redirectUris: options.redirectUris ?? [REDIRECT_URI],
        scopes: options.scopes,
        merchantId: options.merchantId,
      },
    },
    owner.token,
  );
  const payload = res.data?.createApp;
  if (!payload?.app) throw new Error(`createApp failed: ${JSON.stringify(res.body)}`);
  return { id: payload.app.id, clientId: payload.app.clientId, clientSecret: payload.clientSecret };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A cookie jar for fetch: enough for the OAuth interaction's cookies on one host. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface CodeResult {
  /** Where the last redirect pointed (the app's redirect URI with code and state, or an error). */
  location: URL;
  code: string | null;
  verifier: string;
}

/**
 * The authorization code flow without a browser: /oauth/authorize, the consent page's form (signed in as `user`,
 * Allow), back through the library's resume step, up to the redirect to the app.
 */
export async function authorizeCode(
  server: TestServer,
  app: TestApp,
  user: TestUser | null,
  options: {
    scope: string;
    state?: string;
    redirectUri?: string;
    decision?: 'allow' | 'deny';
    password?: string;
  } = {
    scope: '',
  },
): Promise<CodeResult> {
  const jar = new Jar();
  const { verifier, challenge } = pkcePair();
  const params = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope: options.scope,
    state: options.state ?? 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  let url = new URL(`/oauth/authorize?${params}`, server.url);
  let res = await fetch(url, { redirect: 'manual' });
  jar.store(res);
  for (let hops = 0; hops < 8; hops++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== server.url)
        return { location: next, code: next.searchParams.get('code'), verifier };
      url = next;
      res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      jar.store(res);
      continue;
    }
    if (url.pathname.startsWith('/oauth/consent/') && res.status === 200) {
      await res.text();
      const form = new URLSearchParams({
        email: user?.email ?? '',
        password: options.password ?? user?.password ?? '',
        decision: options.decision ?? 'allow',
      });
      res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      jar.store(res);
      continue;
    }
    throw new Error(`OAuth flow stopped at ${url.pathname} with ${res.status}: ${await res.text()}`);
  }
  throw new Error('Too many redirects');
}

/** POST /oauth/token with the client's secret as HTTP Basic (or in the form body). */
export async function tokenRequest(
  server: TestServer,
  app: TestApp,
  body: Record<string, string>,
  how: 'basic' | 'post' = 'basic',
): Promise<{ status: number; body: any }> {
  const form = new URLSearchParams(body);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (how === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', app.clientId);
    form.set('client_secret', app.clientSecret);
  }
  const res = await fetch(new URL('/oauth/token', server.url), {
    method: 'POST',
    headers,
    body: form.toString(),
  });
  return { status: res.status, body: await res.json() };
}

/** A person's app token: the code flow, then the code exchanged. */
export async function appToken(
  server: TestServer,
  app: TestApp,
  user: TestUser,
  scope: string,
): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const { code, verifier } = await authorizeCode(server, app, user, { scope });
  if (!code) throw new Error('no code');
  const res = await tokenRequest(server, app, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
  });
  if (res.status !== 200) throw new Error(`token: ${JSON.stringify(res.body)}`);
  return res.body;
}
