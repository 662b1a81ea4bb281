import { startTestServer, type TestServer } from '../helpers/server';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { rows } from '../helpers/database';
import { CREATE_POOL, inSeconds, JOIN_POOL, key } from '../helpers/pools-factories';
import { eventually } from '../helpers/bidding-factories';
import { CONFIRM_ORDER, placeOrder } from '../helpers/shops-factories';

jest.setTimeout(60_000);

describe('running a shop: its settings, archive, reserved stock and word to both sides', () => {
  let server: TestServer;
  let owner: TestUser;
  let buyer: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [owner, buyer, member, stranger] = await createUsers(server, 4, 'run');
    shop = await createShop(server, { staff: [owner], stock: 100, name: 'Käserei Huber', region: 'Allgäu' });
  });
  afterAll(() => server.close());

  const kindsOf = async (user: TestUser) =>
    (
      await rows(
        server.databaseUrl,
        'SELECT kind FROM notifications WHERE recipient_id = $1 ORDER BY created_at',
        [user.dbId],
      )
    ).map((r) => r.kind);

  it('lets staff update the shop, and finds shops by name and region', async () => {
    const update = `mutation ($input: UpdateMerchantInput!) { updateMerchant(input: $input) { merchant { name description region } userErrors { field code } } }`;
    const res = await server.gql(
      update,
      { input: { merchantId: shop.id, description: 'Bergkäse seit 1902' } },
      owner.token,
    );
    expect(res.data.updateMerchant).toEqual({
      merchant: { name: 'Käserei Huber', description: 'Bergkäse seit 1902', region: 'Allgäu' },
      userErrors: [],
    });
    const blank = await server.gql(update, { input: { merchantId: shop.id, name: ' ' } }, owner.token);
    expect(blank.data.updateMerchant.userErrors).toEqual([{ field: ['input', 'name'], code: 'TOO_SHORT' }]);
    expect(
      (await server.gql(update, { input: { merchantId: shop.id, name: 'Mine' } }, stranger.token)).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    const find = `query ($q: String, $r: String) { merchants(first: 10, query: $q, region: $r) { totalCount nodes { name } } }`;
    expect((await server.gql(find, { q: 'huber', r: 'allgäu' })).data.merchants.nodes).toEqual([
      { name: 'Käserei Huber' },
    ]);
    expect((await server.gql(find, { q: 'huber', r: 'Tirol' })).data.merchants.totalCount).toBe(0);
    const mine = `query { me { merchants { name } } }`;
    expect((await server.gql(mine, {}, owner.token)).data.me.merchants).toEqual([{ name: 'Käserei Huber' }]);
  });

  it('counts reserved stock, and archives a product out of listing, pools and orders', async () => {
    const product = `query ($id: ID!) { product(id: $id) { stock reservedStock archived } }`;
    await placeOrder(server.gql, buyer, shop.product, 2);
    const tiers = [{ minQuantity: 2, unitPrice: { amount: '9.00', currencyCode: 'EUR' } }];
    await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers, capacity: 5, deadline: inSeconds(3600) } },
      owner.token,
    );
    expect((await server.gql(product, { id: shop.product })).data.product).toEqual({
      stock: 93,
      reservedStock: 7,
      archived: false,
    });
    const archive = `mutation ($input: ArchiveProductInput!) { archiveProduct(input: $input) { product { archived } userErrors { code } } }`;
    expect(
      (await server.gql(archive, { input: { productId: shop.product } }, stranger.token)).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await server.gql(archive, { input: { productId: shop.product } }, owner.token)).data.archiveProduct,
    ).toEqual({
      product: { archived: true },
      userErrors: [],
    });
    const listed = `query ($id: ID!) { merchant(id: $id) { products(first: 10) { totalCount } } }`;
    expect((await server.gql(listed, { id: shop.id })).data.merchant.products.totalCount).toBe(0);
    const order = await server.gql(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code } } }`,
      { input: { productId: shop.product, quantity: 1, idempotencyKey: key() } },
      buyer.token,
    );
    expect(order.data.placeOrder.order).toBeNull();
    await rows(server.databaseUrl, 'UPDATE products SET archived = false WHERE id = $1', [shop.productId]);
  });

  it('bars staff from reviewing or voting on their own products', async () => {
    const write = `mutation ($input: WriteReviewInput!) { writeReview(input: $input) { review { id } userErrors { field code } } }`;
    const own = await server.gql(
      write,
      { input: { productId: shop.product, rating: 5, title: 'Best', body: 'Mine!' } },
      owner.token,
    );
    expect(own.data.writeReview.userErrors).toEqual([{ field: ['input', 'productId'], code: 'FORBIDDEN' }]);
    const review = await server.gql(
      write,
      { input: { productId: shop.product, rating: 4, title: 'Good', body: 'Tasty.' } },
      buyer.token,
    );
    const reviewId = review.data.writeReview.review.id;
    const vote = `mutation ($input: MarkReviewHelpfulInput!) { markReviewHelpful(input: $input) { userErrors { field code } } }`;
    expect(
      (await server.gql(vote, { input: { reviewId } }, owner.token)).data.markReviewHelpful.userErrors,
    ).toEqual([{ field: ['input', 'reviewId'], code: 'FORBIDDEN' }]);
    expect(await kindsOf(owner)).toContain('REVIEW_WRITTEN');
    const reviews = `query ($h: String!) { user(handle: $h) { reviews(first: 5) { totalCount } } }`;
    expect(
      (await server.gql(reviews, { h: buyer.handle }, stranger.token)).data.user.reviews.totalCount,
    ).toBe(1);
  });

  it('tells the shop once of a pool’s success and its members each, and mutes kinds', async () => {
    const settings = `mutation ($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { settings { muted } userErrors { field code } } }`;
    const bad = await server.gql(settings, { input: { muted: ['NO_SUCH_KIND'] } }, owner.token);
    expect(bad.data.updateNotificationSettings.userErrors).toEqual([
      { field: ['input', 'muted'], code: 'INVALID' },
    ]);
    const muted = await server.gql(settings, { input: { muted: ['ORDER_STATUS_CHANGED'] } }, buyer.token);
    expect(muted.data.updateNotificationSettings.settings).toEqual({ muted: ['ORDER_STATUS_CHANGED'] });
    expect(
      (await server.gql(`query { me { notificationSettings { muted } } }`, {}, buyer.token)).data.me,
    ).toEqual({
      notificationSettings: { muted: ['ORDER_STATUS_CHANGED'] },
    });
    const orderId = await placeOrder(server.gql, buyer, shop.product);
    await server.gql(CONFIRM_ORDER, { input: { orderId } }, owner.token);
    expect(await kindsOf(buyer)).not.toContain('ORDER_STATUS_CHANGED');
    expect(await kindsOf(owner)).toContain('ORDER_PLACED');

    const tiers = [{ minQuantity: 2, unitPrice: { amount: '9.00', currencyCode: 'EUR' } }];
    const created = await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers, capacity: 10, deadline: inSeconds(1.5) } },
      owner.token,
    );
    const poolId = created.data.createPool.pool.id;
    for (const person of [buyer, member]) {
      await server.gql(JOIN_POOL, { input: { poolId, quantity: 2, idempotencyKey: key() } }, person.token);
    }
    const successes = (user: TestUser) =>
      rows(
        server.databaseUrl,
        `SELECT data FROM notifications WHERE recipient_id = $1 AND kind = 'POOL_SUCCEEDED' AND data->>'poolId' = $2`,
        [user.dbId, poolId],
      );
    await eventually(async () => (await successes(owner)).length > 0, 20_000, 'pool success');
    expect(await successes(owner)).toHaveLength(1);
    expect((await successes(member))[0].data.unitPrice).toEqual({ amount: '9.00', currencyCode: 'EUR' });
    expect(await successes(stranger)).toHaveLength(0);
    // The buyer's 2 units tipped it: the buyer was told once, the member who came later not at all.
    const tipped = (user: TestUser) =>
      rows(
        server.databaseUrl,
        `SELECT 1 FROM notifications WHERE recipient_id = $1 AND kind = 'POOL_TIPPED' AND data->>'poolId' = $2`,
        [user.dbId, poolId],
      );
    expect(await tipped(buyer)).toHaveLength(1);
    expect(await tipped(member)).toHaveLength(0);
  });
});
