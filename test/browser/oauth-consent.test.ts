import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createUsers, type TestUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { pkcePair, registerApp, tokenRequest, type TestApp } from '../helpers/apps-factories';
import { describeInBrowser, launchBrowser, offlineContext, screenshot } from './browser';

describeInBrowser('the OAuth consent page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Server;
  let redirectUri: string;
  let people: Record<string, TestUser>;
  let app: TestApp;

  beforeAll(async () => {
    // The partner's own site: its callback page only says it got the answer.
    receiver = createServer((_req, res) => res.end('<!doctype html><title>Back at the app</title><p>ok</p>'));
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    redirectUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callback`;
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    people = await createUsers(server, ['Anna', 'Ben']);
    app = await registerApp(server, people.Anna, {
      name: 'Dorfbote',
      scopes: ['pools:read', 'profile:read'],
      redirectUris: [redirectUri],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((done) => receiver?.close(done));
  });

  const authorizeUrl = (challenge: string, uri = redirectUri) =>
    `${server.url}/oauth/authorize?${new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: uri,
      scope: 'pools:read profile:read',
      state: 'state-from-the-app',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;

  it('signs in, consents, redirects with code and state; the code gives tokens that work, refresh, and stop on disconnect', async () => {
    const offline = await offlineContext(browser);
    const page = await offline.newPage();
    const { verifier, challenge } = pkcePair();
    const response = await page.goto(authorizeUrl(challenge));
    expect(response!.headers()['content-security-policy']).toContain(`form-action 'self' http://127.0.0.1:`);
    expect(response!.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.getByTestId('app-name').innerText()).resolves.toBe('Dorfbote');
    const scopes = await page.getByTestId('scopes').innerText();
    expect(scopes).toContain('See group-buy pools');
    expect(scopes).toContain('See your own private data');
    await page.getByLabel('Email').fill(people.Ben.email);
    await page.getByLabel('Password').fill(people.Ben.password);
    await screenshot(page, 'oauth-consent');
    await Promise.all([
      page.waitForURL(`${redirectUri}?**`),
      page.getByRole('button', { name: 'Allow' }).click(),
    ]);
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('state-from-the-app');
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();
    expect(offline.outside).toEqual([]);
    expect(offline.pageErrors).toEqual([]);

    const tokens = await tokenRequest(server, app, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    });
    expect(tokens.status).toBe(200);
    const me = await server.gql(
      '{ me { handle connectedApps { app { name } } } }',
      {},
      tokens.body.access_token,
    );
    expect(me.data.me).toEqual({ handle: people.Ben.handle, connectedApps: [{ app: { name: 'Dorfbote' } }] });

    const refreshed = await tokenRequest(server, app, {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const again = await server.gql('{ me { handle } }', {}, refreshed.body.access_token);
    expect(again.data.me.handle).toBe(people.Ben.handle);

    const gone = await server.gql(
      `mutation($input: DisconnectAppInput!) { disconnectApp(input: $input) { userErrors { code } } }`,
      { input: { appId: app.id } },
      people.Ben.token,
    );
    expect(gone.data.disconnectApp.userErrors).toEqual([]);
    expect((await server.gql('{ me { handle } }', {}, refreshed.body.access_token)).status).toBe(401);
    await offline.context.close();
  });

  it('says so on its own page for an unregistered redirect URI, and goes nowhere', async () => {
    const offline = await offlineContext(browser);
    const page = await offline.newPage();
    const response = await page.goto(authorizeUrl(pkcePair().challenge, `${redirectUri}/elsewhere`));
    expect(response!.status()).toBe(400);
    expect(new URL(page.url()).origin).toBe(server.url);
    await expect(page.getByTestId('error').innerText()).resolves.toContain('redirect_uri');
    expect(offline.outside).toEqual([]);
    await offline.context.close();
  });

  it('tells a wrong password on the page and lets the person try again', async () => {
    const offline = await offlineContext(browser);
    const page = await offline.newPage();
    await page.goto(authorizeUrl(pkcePair().challenge));
    await page.getByLabel('Email').fill(people.Ben.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('The email or the password is wrong.');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(people.Ben.email);
    await offline.context.close();
  });
});
