import { toGlobalId } from '../../src/core/relay/global-id';
import { CREATE_POOL, inSeconds, JOIN_POOL, key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { addTrust, createShop, createUsers, setPrivacySettings } from '../helpers/factories';
import type { TestShop, TestUser } from '../helpers/factories';
import { rows } from '../helpers/database';

describe('orders', () => {
  let server: TestServer;
  let merchant: TestUser;
  let buyer: TestUser;
  let friend: TestUser;
  let stranger: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [merchant, buyer, friend, stranger] = await createUsers(server, 4, 'ord');
    shop = await createShop(server, { staff: [merchant], priceMinor: 1250, stock: 100 });
  });
  afterAll(() => server.close());

  const place = (user: TestUser | null, input: Record<string, unknown>) =>
    server.gql(
      PLACE_ORDER,
      { input: { productId: shop.product, quantity: 1, idempotencyKey: key(), ...input } },
      user?.token,
    );

  const stockOf = async (productId: string) =>
    (await rows(server.databaseUrl, 'SELECT stock FROM products WHERE id = $1', [productId]))[0].stock;

  it('places a direct order at the list price and takes it from the stock', async () => {
    const res = await place(buyer, { quantity: 3 });
    expect(res.data.placeOrder).toEqual({
      order: {
        id: expect.any(String),
        title: 'Bergkäse, 1 kg',
        quantity: 3,
        unitPrice: { amount: '12.50', currencyCode: 'EUR' },
        total: { amount: '37.50', currencyCode: 'EUR' },
        status: 'PLACED',
        source: 'DIRECT',
        buyer: { handle: buyer.handle },
      },
      userErrors: [],
    });
    expect(await stockOf(shop.productId)).toBe(97);
  });

  it('answers a retry with the first order, also when the retries arrive at once, and refuses a reused key', async () => {
    const input = { quantity: 2, idempotencyKey: 'order-once' };
    const results = await Promise.all(Array.from({ length: 10 }, () => place(buyer, input)));
    const ids = new Set(results.map((r) => r.data.placeOrder.order?.id));
    expect(results.every((r) => r.data.placeOrder.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await stockOf(shop.productId)).toBe(95);
    const reused = await place(buyer, { quantity: 5, idempotencyKey: 'order-once' });
    expect(reused.data.placeOrder).toEqual({
      order: null,
      userErrors: [
        { field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) },
      ],
    });
  });

  it('never sells more than the stock to concurrent buyers', async () => {
    const small = await createShop(server, { staff: [merchant], stock: 5 });
    const crowd = await createUsers(server, 20, 'rush');
    const results = await Promise.all(
      crowd.map((person) =>
        server.gql(
          PLACE_ORDER,
          { input: { productId: small.product, quantity: 1, idempotencyKey: key() } },
          person.token,
        ),
      ),
    );
    expect(results.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    expect(results.filter((r) => r.data.placeOrder.order)).toHaveLength(5);
    expect(
      new Set(results.flatMap((r) => r.data.placeOrder.userErrors.map((e: { code: string }) => e.code))),
    ).toEqual(new Set(['OUT_OF_STOCK']));
    expect(await stockOf(small.productId)).toBe(0);
  });

  it('refuses bad input with userErrors and anonymous buyers with UNAUTHENTICATED', async () => {
    const small = await createShop(server, { staff: [merchant], stock: 2 });
    const tooMany = await place(buyer, { productId: small.product, quantity: 3 });
    expect(tooMany.data.placeOrder.userErrors).toEqual([
      {
        field: ['input', 'quantity'],
        code: 'OUT_OF_STOCK',
        message: 'Only 2 left in stock; you asked for 3.',
      },
    ]);
    const none = await place(buyer, { quantity: 0 });
    expect(none.data.placeOrder.userErrors).toEqual([
      { field: ['input', 'quantity'], code: 'OUT_OF_RANGE', message: expect.any(String) },
    ]);
    const unknown = await place(buyer, {
      productId: toGlobalId('Product', '00000000-0000-4000-8000-000000000000'),
    });
    expect(unknown.data.placeOrder.userErrors).toEqual([
      { field: ['input', 'productId'], code: 'NOT_FOUND', message: 'No product with this ID.' },
    ]);
    expect((await place(null, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a person’s orders to them, newest first, and to others only as their order-history audience allows', async () => {
    const [owner] = await createUsers(server, 1, 'hist');
    const placed: string[] = [];
    for (let quantity = 1; quantity <= 3; quantity++) {
      placed.unshift((await place(owner, { quantity })).data.placeOrder.order.id);
    }
    const mine = await server.gql(ME_ORDERS, { first: 2 }, owner.token);
    expect(mine.data.me.orders).toEqual({
      totalCount: 3,
      nodes: [{ id: placed[0] }, { id: placed[1] }],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
    });
    const rest = await server.gql(
      ME_ORDERS,
      { first: 2, after: mine.data.me.orders.pageInfo.endCursor },
      owner.token,
    );
    expect(rest.data.me.orders.nodes).toEqual([{ id: placed[2] }]);

    const ordersAs = async (viewer: TestUser | null) =>
      (await server.gql(USER_ORDERS, { handle: owner.handle }, viewer?.token)).data.user.orders.totalCount;
    expect([await ordersAs(friend), await ordersAs(stranger), await ordersAs(null)]).toEqual([0, 0, 0]);
    const asNode = `query ($id: ID!) { node(id: $id) { id } }`;
    expect((await server.gql(asNode, { id: placed[0] }, stranger.token)).data.node).toBeNull();
    expect((await server.gql(asNode, { id: placed[0] }, owner.token)).data.node).toEqual({ id: placed[0] });

    await addTrust(server, owner, friend);
    await setPrivacySettings(server, [owner.dbId], { order_history_audience: 'TRUST_NETWORK' });
    expect([await ordersAs(friend), await ordersAs(stranger)]).toEqual([3, 0]);
    await setPrivacySettings(server, [owner.dbId], { order_history_audience: 'PUBLIC' });
    expect([await ordersAs(stranger), await ordersAs(null)]).toEqual([3, 3]);
  });

  it('gives every member of a pool that succeeds an order at the final price', async () => {
    const tiers = [
      { minQuantity: 2, unitPrice: { amount: '11.00', currencyCode: 'EUR' } },
      { minQuantity: 4, unitPrice: { amount: '10.00', currencyCode: 'EUR' } },
    ];
    const created = await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers, capacity: 10, deadline: inSeconds(1.5) } },
      merchant.token,
    );
    const poolId = created.data.createPool.pool.id;
    const [x, y] = await createUsers(server, 2, 'pool');
    await server.gql(JOIN_POOL, { input: { poolId, quantity: 1, idempotencyKey: key() } }, x.token);
    await server.gql(JOIN_POOL, { input: { poolId, quantity: 3, idempotencyKey: key() } }, y.token);
    const status = `query ($id: ID!) { pool(id: $id) { status finalUnitPrice { amount } } }`;
    const end = Date.now() + 20_000;
    let pool = (await server.gql(status, { id: poolId })).data.pool;
    while (pool.status !== 'SUCCEEDED' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      pool = (await server.gql(status, { id: poolId })).data.pool;
    }
    expect(pool).toEqual({ status: 'SUCCEEDED', finalUnitPrice: { amount: '10.00' } });
    const orders = await server.gql(
      `{ me { orders { nodes { quantity unitPrice { amount } total { amount } source status } } } }`,
      {},
      x.token,
    );
    expect(orders.data.me.orders.nodes).toEqual([
      {
        quantity: 1,
        unitPrice: { amount: '10.00' },
        total: { amount: '10.00' },
        source: 'POOL',
        status: 'PLACED',
      },
    ]);
  });
});

const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
  order { id title quantity unitPrice { amount currencyCode } total { amount currencyCode } status source buyer { handle } }
  userErrors { field message code } } }`;
const ME_ORDERS = `query ($first: Int, $after: String) { me { orders(first: $first, after: $after) {
  totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`;
const USER_ORDERS = `query ($handle: String!) { user(handle: $handle) { orders { totalCount nodes { id } } } }`;
