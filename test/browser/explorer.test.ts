import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server';
import { describeInBrowser, launchBrowser, type OfflineContext, offlineContext, screenshot } from './browser';
import { EDITORS, replaceEditorText, resultOf } from './explorer-page';
import { createUser } from '../helpers/factories';

describeInBrowser('the GraphiQL explorer in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let offline: OfflineContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    offline = await offlineContext(browser);
    page = await offline.newPage();
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with every request leaving the machine refused, and tries none', async () => {
    await expect(page.title()).resolves.toEqual('Dorfmarkt GraphQL explorer');
    await page.locator('.graphiql-tab', { hasText: 'SignUp' }).waitFor();
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['SignUp', 'FindUser', 'FindProducts', 'OpenPools']);
    await screenshot(page, 'explorer');
    expect(offline.outside).toEqual([]);
    expect(offline.pageErrors).toEqual([]);
  });

  it('runs what was just typed over an example tab, even when run the same instant', async () => {
    await page.locator('.graphiql-tab', { hasText: 'SignUp' }).click();
    const sent: Array<string | null> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) sent.push(request.postData());
    });
    await page.locator(EDITORS.operation).click();
    // Select all and clear (typing `{` over a selection would wrap it in braces), then type and run with no pause
    // anywhere: GraphiQL has not yet re-read the operation's name from the editor when Ctrl+Enter comes.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ __typename }');
    await page.keyboard.press('Control+Enter');

    const result = await resultOf(page, (text) => text.includes('__typename') || text.includes('errors'));
    expect(JSON.parse(result)).toEqual({ data: { __typename: 'Query' } });
    expect(sent.map((body) => JSON.parse(body!))).toEqual([
      expect.objectContaining({ query: '{ __typename }', operationName: null }),
    ]);
    expect(offline.pageErrors).toEqual([]);
  });

  it("shows the schema's docs", async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByRole('link', { name: 'Query' }).click();
    const fields = page.locator('.graphiql-doc-explorer-field-name');
    await fields.filter({ hasText: /^me$/ }).waitFor();
    await expect(fields.allInnerTexts()).resolves.toEqual(expect.arrayContaining(['me', 'node', 'user']));
    await screenshot(page, 'explorer-docs');
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();
  });

  it('runs a query typed into it, signed in with the token from the header editor', async () => {
    const greta = await createUser(server);
    await page.getByRole('button', { name: 'New tab' }).click();

    await replaceEditorText(page, EDITORS.operation, 'query Who { me { handle } }', 'type');
    await page.getByRole('button', { name: 'Headers' }).click();
    const headers = JSON.stringify({ Authorization: `Bearer ${greta.token}` });
    await replaceEditorText(page, EDITORS.headers, headers, 'paste');
    await page.getByRole('button', { name: /^Execute query/ }).click();

    const result = await resultOf(page, (text) => text.includes('handle'));
    expect(JSON.parse(result)).toEqual({ data: { me: { handle: greta.handle } } });
    await screenshot(page, 'explorer-query');
    expect(offline.outside).toEqual([]);
    expect(offline.pageErrors).toEqual([]);
  });
});
