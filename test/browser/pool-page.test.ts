import type { Browser, Page } from 'playwright-core';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { describeInBrowser, launchBrowser, type OfflineContext, offlineContext, screenshot } from './browser';
import { EDITORS, replaceEditorText, resultOf } from './explorer-page';
import { createPoolThroughApi, joinPoolThroughApi } from './pool-fixtures';

describeInBrowser('the live pool page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let merchant: TestUser;
  let buyer: TestUser;
  let walker: TestUser;
  let poolId: string;
  let offline: OfflineContext[];
  let pages: Page[];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    [merchant, buyer, walker] = [
      await createUser(server),
      await createUser(server),
      await createUser(server),
    ];
    ({ poolId } = await createPoolThroughApi(server.gql, merchant));
    // Two browsers (separate contexts: no shared storage) watching the same pool.
    offline = [await offlineContext(browser), await offlineContext(browser)];
    pages = await Promise.all(offline.map((o) => o.newPage()));
    await Promise.all(pages.map((page) => page.goto(`${server.url}/pools/${poolId}`)));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the pool to a visitor without a token: quantity, price, next tier, time left', async () => {
    const [page] = pages;
    await waitForCommitted(page, '0');
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    expect(await facts(page)).toEqual({
      status: 'Open: the group price starts at the tipping point',
      committed: '0',
      capacity: '20',
      price: '€10.00',
      nextTier: '€8.00 from 5 units (5 more units)',
      participants: '0 people',
    });
    // What is being bought and from whom, as text that leads nowhere else.
    expect(await page.getByTestId('product-title').innerText()).toEqual('Bergkäse, 1 kg');
    expect(await page.getByTestId('merchant-name').innerText()).toEqual(`Hof ${merchant.handle}`);
    expect(await page.locator('header a').count()).toBe(0);
    await expect(page.title()).resolves.toEqual('Bergkäse, 1 kg · group buy · Dorfmarkt');
    expect(await page.getByTestId('time-left').innerText()).toMatch(/^00:5\d:\d\d$/);
    expect(await page.getByTestId('tiers').locator('li').allInnerTexts()).toEqual([
      '€8.00 per unit from 5 units',
      '€6.50 per unit from 10 units',
    ]);
    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.locator('#join').isVisible()).toBe(false);
    await screenshot(page, 'pool-page-visitor');
    expect(offline[0].outside).toEqual([]);
    expect(offline[0].pageErrors).toEqual([]);
  });

  it('shows a join made by a third client on both watching pages within a second, without reload', async () => {
    await Promise.all(pages.map((page) => waitForCommitted(page, '0')));
    const seen = pages.map((page) => waitForCommitted(page, '3'));
    const started = Date.now();
    await joinPoolThroughApi(server.gql, buyer, poolId, 3);
    await Promise.all(seen);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const page of pages) {
      expect(await facts(page)).toEqual(
        expect.objectContaining({ committed: '3', participants: '1 person' }),
      );
    }
    await screenshot(pages[1], 'pool-page-after-join');
  });

  it('lets a signed-in user join from the page, and both pages follow', async () => {
    const [page, other] = pages;
    await page.locator('#sign-in input[name=email]').fill(walker.email);
    await page.locator('#sign-in input[name=password]').fill(walker.password);
    await page.locator('#sign-in button[type=submit]').click();
    await page
      .getByTestId('viewer')
      .filter({ hasText: `@${walker.handle}` })
      .waitFor();

    await page.locator('#join input[name=quantity]').fill('2');
    await page.getByTestId('join-button').click();
    await Promise.all([waitForCommitted(page, '5'), waitForCommitted(other, '5')]);
    await page.getByTestId('membership').filter({ hasText: 'You are in with 2 units.' }).waitFor();
    await other.getByTestId('participant-count').filter({ hasText: '2 people' }).waitFor();
    expect(await facts(other)).toEqual({
      status: 'Tipped: the group price applies',
      committed: '5',
      capacity: '20',
      price: '€8.00',
      nextTier: '€6.50 from 10 units (5 more units)',
      participants: '2 people',
    });
    expect(await other.getByTestId('membership').innerText()).toEqual('');
    await screenshot(page, 'pool-page-member');
    for (const o of offline) {
      expect(o.outside).toEqual([]);
      expect(o.pageErrors).toEqual([]);
    }
  });

  it('streams the pool in the explorer over graphql-ws, signed in by the header editor', async () => {
    const explorer = await offlineContext(browser);
    const page = await explorer.newPage();
    await page.goto(`${server.url}/graphql`);
    await page.getByRole('button', { name: 'New tab' }).click();
    const watch =
      'subscription Watch($id: ID!) { poolUpdated(poolId: $id) { committedQuantity viewerMembership { quantity } } }';
    await replaceEditorText(page, EDITORS.operation, watch, 'paste');
    await page.getByRole('button', { name: 'Variables' }).click();
    await replaceEditorText(page, EDITORS.variables, JSON.stringify({ id: poolId }), 'paste');
    await page.getByRole('button', { name: 'Headers' }).click();
    await replaceEditorText(
      page,
      EDITORS.headers,
      JSON.stringify({ Authorization: `Bearer ${buyer.token}` }),
      'paste',
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();

    const before = await resultOf(page, (text) => text.includes('committedQuantity'));
    expect(JSON.parse(before)).toEqual({
      data: { poolUpdated: { committedQuantity: 5, viewerMembership: { quantity: 3 } } },
    });
    await joinPoolThroughApi(server.gql, buyer, poolId, 4);
    const after = await resultOf(page, (text) => text.includes('"committedQuantity": 6'));
    expect(JSON.parse(after)).toEqual({
      data: { poolUpdated: { committedQuantity: 6, viewerMembership: { quantity: 4 } } },
    });
    await screenshot(page, 'explorer-subscription');
    expect(explorer.outside).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
    await explorer.context.close();
  });
});

/** Waits until the page shows exactly `quantity` as the committed quantity. */
async function waitForCommitted(page: Page, quantity: string): Promise<void> {
  await page
    .getByTestId('committed-quantity')
    .filter({ hasText: new RegExp(`^${quantity}$`) })
    .waitFor({ timeout: 10_000 });
}

async function facts(page: Page) {
  const text = (id: string) => page.getByTestId(id).innerText();
  return {
    status: await text('status'),
    committed: await text('committed-quantity'),
    capacity: await text('capacity'),
    price: await text('current-price'),
    nextTier: await text('next-tier'),
    participants: await text('participant-count'),
  };
}
