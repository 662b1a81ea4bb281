import { createUsers, createShop, type TestUser } from '../helpers/factories';
import { rows } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { appToken, registerApp, tokenRequest, REDIRECT_URI } from '../helpers/apps-factories';

const ME = '{ me { handle } }';

describe('partner apps', () => {
  let server: TestServer;
  let other: TestServer;
  let people: Record<string, TestUser>;

  beforeAll(async () => {
    server = await startTestServer();
    other = await startTestServer({ databaseUrl: server.databaseUrl });
    people = await createUsers(server, ['Anna', 'Ben']);
  });
  afterAll(async () => {
    await other.close();
    await server.close();
  });

  it('lists the scopes with plain words', async () => {
    const res = await server.gql('{ appScopes { name description } }');
    const names = res.data.appScopes.map((s: { name: string }) => s.name);
    expect(names).toEqual([
      'profile:read',
      'trust:read',
      'catalog:read',
      'catalog:write',
      'reviews:read',
      'reviews:write',
      'pools:read',
      'pools:write',
      'orders:read',
      'orders:write',
      'bidding:write',
    ]);
    for (const scope of res.data.appScopes) expect(scope.description.length).toBeGreaterThan(15);
  });

  it('registers an app with its secret shown once and kept only as a digest', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['pools:read'] });
    expect(app.clientSecret).toMatch(/^dmsec_/);
    const [row] = await rows(server.databaseUrl, 'SELECT secret_digest FROM apps WHERE client_id = $1', [
      app.clientId,
    ]);
    expect(row.secret_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_digest).not.toContain(app.clientSecret);
    const mine = await server.gql(
      `{ me { apps { id name clientId scopes redirectUris revokedAt } } }`,
      {},
      people.Anna.token,
    );
    expect(mine.data.me.apps).toEqual([
      expect.objectContaining({
        id: app.id,
        clientId: app.clientId,
        scopes: ['pools:read'],
        redirectUris: [REDIRECT_URI],
      }),
    ]);
    const seen = await server.gql(
      `query($id: ID!) { app(id: $id) { name } }`,
      { id: app.id },
      people.Ben.token,
    );
    expect(seen.data.app).toBeNull();
  });

  it('refuses unknown scopes and redirect URIs that are not absolute or not https, naming the field', async () => {
    const res = await server.gql(
      `mutation($input: CreateAppInput!) { createApp(input: $input) { app { id } clientSecret userErrors { field code } } }`,
      {
        input: {
          name: 'Bad',
          description: '',
          redirectUris: ['/callback', 'http://example.com/cb', 'https://example.com/ok'],
          scopes: ['pools:read', 'everything'],
        },
      },
      people.Anna.token,
    );
    expect(res.data.createApp.app).toBeNull();
    expect(res.data.createApp.clientSecret).toBeNull();
    expect(res.data.createApp.userErrors).toEqual([
      { field: ['input', 'redirectUris', '0'], code: 'INVALID' },
      { field: ['input', 'redirectUris', '1'], code: 'INVALID' },
      { field: ['input', 'scopes', '1'], code: 'INVALID' },
    ]);
  });

  it('registers an app for a shop only for its staff', async () => {
    const shop = await createShop(server, { staff: [people.Anna] });
    const res = await server.gql(
      `mutation($input: CreateAppInput!) { createApp(input: $input) { app { merchant { name } } userErrors { code } } }`,
      {
        input: {
          name: 'Till',
          description: '',
          redirectUris: [REDIRECT_URI],
          scopes: ['catalog:write'],
          merchantId: shop.id,
        },
      },
      people.Ben.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const app = await registerApp(server, people.Anna, { scopes: ['catalog:read'], merchantId: shop.id });
    const seen = await server.gql(
      `query($id: ID!) { app(id: $id) { merchant { name } } }`,
      { id: app.id },
      people.Anna.token,
    );
    expect(seen.data.app.merchant.name).toBe(shop.name);
  });

  it('rotates the secret: the old one stops at once on every instance', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['pools:read'] });
    const tokens = await appToken(server, app, people.Ben, 'pools:read');
    const rotated = await server.gql(
      `mutation($input: RotateAppSecretInput!) { rotateAppSecret(input: $input) { clientSecret userErrors { code } } }`,
      { input: { appId: app.id } },
      people.Anna.token,
    );
    const secret = rotated.data.rotateAppSecret.clientSecret;
    expect(secret).toMatch(/^dmsec_/);
    expect(secret).not.toBe(app.clientSecret);
    const old = await tokenRequest(other, app, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
    const fresh = await tokenRequest(
      other,
      { ...app, clientSecret: secret },
      {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      },
    );
    expect(fresh.status).toBe(200);
    // Only the owner rotates.
    const stranger = await server.gql(
      `mutation($input: RotateAppSecretInput!) { rotateAppSecret(input: $input) { clientSecret } }`,
      { input: { appId: app.id } },
      people.Ben.token,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('revokes an app: every token of it stops at once on every instance', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['pools:read'] });
    const tokens = await appToken(server, app, people.Ben, 'pools:read');
    expect((await other.gql(ME, {}, tokens.access_token)).data.me.handle).toBe(people.Ben.handle);
    const revoked = await server.gql(
      `mutation($input: RevokeAppInput!) { revokeApp(input: $input) { app { revokedAt } userErrors { code } } }`,
      { input: { appId: app.id } },
      people.Anna.token,
    );
    expect(revoked.data.revokeApp.app.revokedAt).toEqual(expect.any(String));
    const after = await other.gql(ME, {}, tokens.access_token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refresh = await tokenRequest(other, app, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_client');
  });

  it('lists connected apps and disconnects one at once on every instance', async () => {
    const app = await registerApp(server, people.Anna, {
      scopes: ['pools:read', 'profile:read'],
      name: 'Dorfbote',
    });
    const tokens = await appToken(server, app, people.Ben, 'pools:read profile:read');
    expect(tokens.scope.split(' ').sort()).toEqual(['pools:read', 'profile:read']);
    const listed = await server.gql(
      `{ me { connectedApps { app { id name } scopes grantedAt } } }`,
      {},
      people.Ben.token,
    );
    const mine = (list: Array<{ app: { id: string } }>) => list.filter((g) => g.app.id === app.id);
    expect(mine(listed.data.me.connectedApps)).toEqual([
      {
        app: { id: app.id, name: 'Dorfbote' },
        scopes: ['pools:read', 'profile:read'],
        grantedAt: expect.any(String),
      },
    ]);
    const gone = await server.gql(
      `mutation($input: DisconnectAppInput!) { disconnectApp(input: $input) { userErrors { code } } }`,
      { input: { appId: app.id } },
      people.Ben.token,
    );
    expect(gone.data.disconnectApp.userErrors).toEqual([]);
    expect((await other.gql(ME, {}, tokens.access_token)).status).toBe(401);
    const refresh = await tokenRequest(other, app, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_grant');
    const again = await server.gql(`{ me { connectedApps { app { id } } } }`, {}, people.Ben.token);
    expect(mine(again.data.me.connectedApps)).toEqual([]);
  });

  it('erases a person’s apps, grants and tokens with their account', async () => {
    const { Erin, Finn } = await createUsers(server, ['Erin', 'Finn']);
    const erinsApp = await registerApp(server, Erin, { scopes: ['pools:read'] });
    const finnsApp = await registerApp(server, Finn, { scopes: ['pools:read'] });
    const tokenOfErinsApp = await appToken(server, erinsApp, Finn, 'pools:read');
    const erinsToken = await appToken(server, finnsApp, Erin, 'pools:read');
    const res = await server.gql(
      `mutation($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { code } } }`,
      { input: { password: Erin.password, reviews: 'DELETE' } },
      Erin.token,
    );
    expect(res.data.deleteMyAccount.userErrors).toEqual([]);
    expect(
      await rows(server.databaseUrl, 'SELECT id FROM apps WHERE client_id = $1', [erinsApp.clientId]),
    ).toEqual([]);
    expect(
      await rows(server.databaseUrl, 'SELECT id FROM app_grants WHERE user_id = $1', [Erin.dbId]),
    ).toEqual([]);
    const left = await rows(
      server.databaseUrl,
      `SELECT kind FROM oauth_records WHERE payload->>'accountId' = $1 OR payload->>'clientId' = $2`,
      [Erin.dbId, erinsApp.clientId],
    );
    expect(left).toEqual([]);
    expect((await other.gql(ME, {}, tokenOfErinsApp.access_token)).status).toBe(401);
    expect((await other.gql(ME, {}, erinsToken.access_token)).status).toBe(401);
  });
});
