import {
  CREATE_DUTCH_AUCTION,
  DUTCH_AUCTION,
  TAKE_DUTCH_AUCTION,
  eur,
  stockOf,
} from '../helpers/auctions-factories';
import { dbId, rows } from '../helpers/database';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

jest.setTimeout(60_000);

describe('Dutch auctions over HTTP and WebSocket', () => {
  let server: TestServer;
  let seller: TestUser;
  let buyers: TestUser[];
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [seller, ...buyers] = await createUsers(server, 101, 'dutch');
    shop = await createShop(server, { staff: [seller], stock: 100, priceMinor: 1000 });
  });
  afterAll(() => server.close());

  async function create(input: Record<string, unknown>) {
    const res = await server.gql(
      CREATE_DUTCH_AUCTION,
      {
        input: {
          productId: shop.product,
          quantity: 1,
          startPrice: eur('10.00'),
          floorPrice: eur('7.00'),
          decrement: eur('1.00'),
          intervalSeconds: 1,
          ...input,
        },
      },
      seller.token,
    );
    return res.data.createDutchAuction;
  }

  const take = (who: TestUser, auctionId: string, quantity: number, idempotencyKey = key()) =>
    server
      .gql(TAKE_DUTCH_AUCTION, { input: { auctionId, quantity, idempotencyKey } }, who.token)
      .then((r) => r.data.takeDutchAuction);

  it('sells a one-unit auction to exactly one of 100 concurrent takers', async () => {
    const before = await stockOf(server.databaseUrl, shop.productId);
    const { dutchAuction, userErrors } = await create({ quantity: 1, intervalSeconds: 60 });
    expect(userErrors).toEqual([]);
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 1);
    const results = await Promise.all(buyers.slice(0, 100).map((b) => take(b, dutchAuction.id, 1)));
    const won = results.filter((r) => r.order);
    expect(won).toHaveLength(1);
    expect(won[0].order).toMatchObject({
      quantity: 1,
      source: 'DUTCH_AUCTION',
      unitPrice: { amount: '10.00' },
    });
    expect(won[0].dutchAuction).toMatchObject({ status: 'SOLD_OUT', remainingQuantity: 0 });
    const lost = results.filter((r) => !r.order);
    expect(lost).toHaveLength(99);
    expect(new Set(lost.map((r) => r.userErrors[0]?.code))).toEqual(new Set(['SOLD_OUT']));
    const orders = await rows(server.databaseUrl, `SELECT * FROM orders WHERE source_id = $1`, [
      dbId(dutchAuction.id),
    ]);
    expect(orders).toHaveLength(1);
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 1);
  });

  it('gives the last taker what is left, and never more than the quantity', async () => {
    const { dutchAuction } = await create({ quantity: 5, intervalSeconds: 60 });
    const results = await Promise.all(buyers.slice(0, 4).map((b) => take(b, dutchAuction.id, 2)));
    const got = results.map((r) => r.order?.quantity ?? 0).sort();
    expect(got).toEqual([0, 1, 2, 2]);
    const [row] = await rows(
      server.databaseUrl,
      'SELECT sum(quantity)::int AS n FROM orders WHERE source_id = $1',
      [dbId(dutchAuction.id)],
    );
    expect(row.n).toBe(5);
  });

  it('prices each take at the moment, pushes every step and take, and ends one interval after the floor', async () => {
    const before = await stockOf(server.databaseUrl, shop.productId);
    const { dutchAuction } = await create({ quantity: 3, intervalSeconds: 1 });
    expect(dutchAuction).toMatchObject({
      status: 'RUNNING',
      currentPrice: { amount: '10.00' },
      remainingQuantity: 3,
    });
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 3);
    const socket = connectSocket(server.url, buyers[0].token);
    const live = socket.subscribe<any>(
      `subscription ($id: ID!) { dutchAuctionUpdated(auctionId: $id) { status remainingQuantity currentPrice { amount } } }`,
      { id: dutchAuction.id },
    );
    const first = await live.next();
    expect(first.data?.dutchAuctionUpdated.currentPrice.amount).toBe('10.00');
    const nine = await live.until((d) => d.dutchAuctionUpdated.currentPrice.amount === '9.00', 3000);
    expect(nine.dutchAuctionUpdated.status).toBe('RUNNING');
    const taken = await take(buyers[1], dutchAuction.id, 1);
    expect(['9.00', '8.00']).toContain(taken.order.unitPrice.amount);
    await live.until((d) => d.dutchAuctionUpdated.remainingQuantity === 2, 3000);
    await live.until((d) => d.dutchAuctionUpdated.currentPrice.amount === '7.00', 4000);
    const ended = await live.until((d) => d.dutchAuctionUpdated.status === 'ENDED', 4000);
    expect(ended.dutchAuctionUpdated).toEqual({
      status: 'ENDED',
      remainingQuantity: 2,
      currentPrice: { amount: '7.00' },
    });
    live.dispose();
    await socket.close();
    const late = await take(buyers[2], dutchAuction.id, 1);
    expect(late.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'auctionId'], code: 'NOT_OPEN' }),
    ]);
    // The end job puts the unsold units back.
    const end = Date.now() + 10_000;
    while ((await stockOf(server.databaseUrl, shop.productId)) !== before - 1 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 1);
    const after = await server.gql(DUTCH_AUCTION, { id: dutchAuction.id });
    expect(after.data.dutchAuction).toMatchObject({
      status: 'ENDED',
      nextDropAt: null,
      currentPrice: { amount: '7.00' },
    });
  });

  it('answers a retried take with the same order and refuses its key for another take', async () => {
    const { dutchAuction } = await create({ quantity: 4, intervalSeconds: 60 });
    const k = key();
    const one = await take(buyers[3], dutchAuction.id, 1, k);
    const two = await take(buyers[3], dutchAuction.id, 1, k);
    expect(two.order.id).toBe(one.order.id);
    expect(two.dutchAuction.remainingQuantity).toBe(3);
    const other = await take(buyers[3], dutchAuction.id, 2, k);
    expect(other.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' }),
    ]);
  });

  it('refuses bad schedules with userErrors naming the field', async () => {
    const errorsOf = async (input: Record<string, unknown>) =>
      (await create(input)).userErrors.map((e: any) => [e.field.join('.'), e.code]);
    expect(await errorsOf({ floorPrice: eur('11.00') })).toEqual([['input.floorPrice', 'INVALID']]);
    expect(await errorsOf({ decrement: eur('0.00') })).toEqual([['input.decrement', 'OUT_OF_RANGE']]);
    expect(await errorsOf({ intervalSeconds: 0 })).toEqual([['input.intervalSeconds', 'OUT_OF_RANGE']]);
    expect(await errorsOf({ quantity: 0 })).toEqual([['input.quantity', 'OUT_OF_RANGE']]);
    expect(await errorsOf({ quantity: 100_000 })).toEqual([['input.quantity', 'OUT_OF_STOCK']]);
    expect(await errorsOf({ startPrice: { amount: '10.00', currencyCode: 'CHF' } })).toEqual([
      ['input.startPrice.currencyCode', 'INVALID'],
    ]);
    const stranger = await server.gql(
      CREATE_DUTCH_AUCTION,
      {
        input: {
          productId: shop.product,
          quantity: 1,
          startPrice: eur('10.00'),
          floorPrice: eur('7.00'),
          decrement: eur('1.00'),
          intervalSeconds: 1,
        },
      },
      buyers[0].token,
    );
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is SCHEDULED until its start, and refuses takes until then', async () => {
    const { dutchAuction } = await create({ startsAt: new Date(Date.now() + 60_000).toISOString() });
    expect(dutchAuction).toMatchObject({ status: 'SCHEDULED', currentPrice: { amount: '10.00' } });
    const early = await take(buyers[4], dutchAuction.id, 1);
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'NOT_OPEN' })]);
  });
});
