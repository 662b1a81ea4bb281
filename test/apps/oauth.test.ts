import { createShop, createUsers, type TestUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  authorizeCode,
  pkcePair,
  registerApp,
  REDIRECT_URI,
  tokenRequest,
  type TestApp,
} from '../helpers/apps-factories';

describe('OAuth 2 for partner apps', () => {
  let server: TestServer;
  let people: Record<string, TestUser>;
  let app: TestApp;

  beforeAll(async () => {
    server = await startTestServer();
    people = await createUsers(server, ['Anna', 'Ben']);
    app = await registerApp(server, people.Anna, { scopes: ['pools:read', 'profile:read'] });
  });
  afterAll(() => server.close());

  const exchange = (code: string, verifier: string, how: 'basic' | 'post' = 'basic') =>
    tokenRequest(
      server,
      app,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI },
      how,
    );

  it('returns the state with the code, and the code gives an opaque access token and a refresh token', async () => {
    const { location, code, verifier } = await authorizeCode(server, app, people.Ben, {
      scope: 'pools:read',
      state: 'xyz-42',
    });
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('xyz-42');
    const res = await exchange(code!, verifier, 'post');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        token_type: 'Bearer',
        access_token: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
        refresh_token: expect.any(String),
        scope: 'pools:read',
        expires_in: expect.any(Number),
      }),
    );
    const me = await server.gql('{ me { handle } }', {}, res.body.access_token);
    expect(me.data.me.handle).toBe(people.Ben.handle);
  });

  it('refuses a reused code with invalid_grant, and stops the tokens it gave', async () => {
    const { code, verifier } = await authorizeCode(server, app, people.Ben, { scope: 'pools:read' });
    const first = await exchange(code!, verifier);
    expect(first.status).toBe(200);
    const again = await exchange(code!, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await server.gql('{ me { handle } }', {}, first.body.access_token)).status).toBe(401);
  });

  it('refuses a wrong code verifier with invalid_grant', async () => {
    const { code } = await authorizeCode(server, app, people.Ben, { scope: 'pools:read' });
    const res = await exchange(code!, pkcePair().verifier);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an unregistered redirect URI on its own page, without redirecting anywhere', async () => {
    const { challenge } = pkcePair();
    const params = new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:9/callback/other',
      scope: 'pools:read',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(`${server.url}/oauth/authorize?${params}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('takes PKCE with S256 only', async () => {
    const params = new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'pools:read',
      state: 's',
    });
    const none = await fetch(`${server.url}/oauth/authorize?${params}`, { redirect: 'manual' });
    const plain = await fetch(
      `${server.url}/oauth/authorize?${params}&code_challenge=${'a'.repeat(43)}&code_challenge_method=plain`,
      { redirect: 'manual' },
    );
    for (const res of [none, plain]) {
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(REDIRECT_URI);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('refuses a scope the app did not register', async () => {
    const { location } = await authorizeCode(server, app, people.Ben, { scope: 'orders:write' });
    expect(location.searchParams.get('error')).toBe('invalid_scope');
  });

  it('answers Deny with access_denied and the state', async () => {
    const { location, code } = await authorizeCode(server, app, null, {
      scope: 'pools:read',
      state: 'no-thanks',
      decision: 'deny',
    });
    expect(code).toBeNull();
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('no-thanks');
  });

  it('rotates the refresh token on every use; the old one is refused', async () => {
    const { code, verifier } = await authorizeCode(server, app, people.Ben, { scope: 'pools:read' });
    const first = (await exchange(code!, verifier)).body;
    const second = await tokenRequest(server, app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect((await server.gql('{ me { handle } }', {}, second.body.access_token)).data.me.handle).toBe(
      people.Ben.handle,
    );
    const reused = await tokenRequest(server, app, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const { code, verifier } = await authorizeCode(server, app, people.Ben, { scope: 'pools:read' });
    const res = await tokenRequest(
      server,
      { ...app, clientSecret: 'dmsec_wrong' },
      { grant_type: 'authorization_code', code: code!, code_verifier: verifier, redirect_uri: REDIRECT_URI },
    );
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('gives a shop’s app a token of its own (client credentials) that acts as the shop', async () => {
    const shop = await createShop(server, { staff: [people.Anna] });
    const shopApp = await registerApp(server, people.Anna, {
      scopes: ['catalog:write', 'catalog:read', 'profile:read'],
      merchantId: shop.id,
    });
    const res = await tokenRequest(server, shopApp, { grant_type: 'client_credentials' }, 'post');
    expect(res.status).toBe(200);
    const token = res.body.access_token;
    const created = await server.gql(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { product { merchant { id } } userErrors { code } } }`,
      {
        input: {
          merchantId: shop.id,
          title: 'Heumilch',
          description: '',
          category: 'dairy',
          tags: [],
          price: { amount: '1.20', currencyCode: 'EUR' },
          stock: 10,
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createProduct.product.merchant.id).toBe(shop.id);
    // A shop's token never stands for the person: their private data stays out of reach.
    const privateData = await server.gql('{ me { privacySettings { discoverable } } }', {}, token);
    expect(privateData.errors?.[0]?.extensions?.requiredScope).toBe('profile:read');
    // An app without a shop has no client credentials.
    const personal = await tokenRequest(server, app, { grant_type: 'client_credentials' });
    expect(personal.status).toBe(400);
    expect(personal.body.error).toBe('unauthorized_client');
  });
});

describe('signing in on the consent page', () => {
  let server: TestServer;
  let people: Record<string, TestUser>;
  let app: TestApp;

  beforeAll(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_AUTH: '100', AUTH_FREE_FAILURES: '2' } });
    people = await createUsers(server, ['Anna', 'Ben']);
    app = await registerApp(server, people.Anna, { scopes: ['pools:read'] });
  });
  afterAll(() => server.close());

  it('counts against the login back-off as the login mutation does', async () => {
    const wrong = async () => {
      try {
        await authorizeCode(server, app, people.Ben, { scope: 'pools:read', password: 'not the password' });
        return 'redirected';
      } catch (error) {
        return /with (\d+)/.exec(String(error))?.[1];
      }
    };
    expect(await wrong()).toBe('401');
    expect(await wrong()).toBe('401');
    // The back-off began after the second failure: even the right password waits now.
    const login = await server.gql(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { email: people.Ben.email, password: people.Ben.password },
    });
    expect(login.status).toBe(429);
    expect(await wrong()).toBe('429');
  });
});
