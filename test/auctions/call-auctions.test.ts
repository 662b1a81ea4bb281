import {
  CALL_AUCTION,
  CREATE_CALL_AUCTION,
  MY_ORDERS,
  PLACE_LIMIT_BID,
  WITHDRAW_LIMIT_BID,
  eur,
  stockOf,
  waitForCall,
} from '../helpers/auctions-factories';
import { dbId, rows } from '../helpers/database';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { inSeconds, key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

jest.setTimeout(60_000);

describe('call auctions over HTTP and WebSocket', () => {
  let server: TestServer;
  let seller: TestUser;
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [seller, a, b, c] = await createUsers(server, 4, 'call');
    shop = await createShop(server, { staff: [seller], stock: 100, priceMinor: 600 });
  });
  afterAll(() => server.close());

  async function create(supply: Array<[number, string]>, seconds: number, productId = shop.product) {
    const res = await server.gql(
      CREATE_CALL_AUCTION,
      {
        input: {
          productId,
          supply: supply.map(([quantity, price]) => ({ quantity, minUnitPrice: eur(price) })),
          callAt: inSeconds(seconds),
        },
      },
      seller.token,
    );
    expect(res.data.createCallAuction.userErrors).toEqual([]);
    return res.data.createCallAuction.callAuction;
  }

  async function bid(
    who: TestUser,
    auctionId: string,
    quantity: number,
    price: string,
    idempotencyKey = key(),
  ) {
    const res = await server.gql(
      PLACE_LIMIT_BID,
      { input: { auctionId, quantity, maxUnitPrice: eur(price), idempotencyKey } },
      who.token,
    );
    return res.data.placeLimitBid;
  }

  async function ordersOf(who: TestUser, auctionId: string) {
    const res = await server.gql(MY_ORDERS, {}, who.token);
    const mine = await rows<{ id: string }>(
      server.databaseUrl,
      `SELECT id FROM orders WHERE source = 'CALL_AUCTION' AND source_id = $1`,
      [dbId(auctionId)],
    );
    const ids = new Set(mine.map((o) => o.id));
    return (res.data.me.orders.nodes as Array<{ id: string }>).filter((o) => ids.has(dbId(o.id)));
  }

  it('clears the first worked example at 5.00 with 16 units: A and B get orders, C does not, 4 units go back', async () => {
    const before = await stockOf(server.databaseUrl, shop.productId);
    const auction = await create(
      [
        [10, '4.00'],
        [10, '5.00'],
      ],
      3,
    );
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 20);
    expect(auction).toMatchObject({
      status: 'OPEN',
      indicativePrice: null,
      indicativeQuantity: 0,
      bidCount: 0,
    });

    const socket = connectSocket(server.url, a.token);
    const live = socket.subscribe(
      `subscription ($id: ID!) { callAuctionUpdated(auctionId: $id) { status indicativeQuantity indicativePrice { amount } } }`,
      { id: auction.id },
    );
    expect((await live.next()).data?.callAuctionUpdated).toEqual({
      status: 'OPEN',
      indicativeQuantity: 0,
      indicativePrice: null,
    });

    const bidA = await bid(a, auction.id, 8, '6.00');
    expect(bidA.userErrors).toEqual([]);
    expect(bidA.callAuction).toMatchObject({ indicativePrice: { amount: '4.00' }, indicativeQuantity: 8 });
    await live.until((d: any) => d.callAuctionUpdated.indicativeQuantity === 8);
    expect((await bid(b, auction.id, 8, '5.00')).userErrors).toEqual([]);
    const third = await bid(c, auction.id, 8, '4.50');
    expect(third.callAuction).toMatchObject({
      indicativePrice: { amount: '5.00' },
      indicativeQuantity: 16,
      bidCount: 3,
    });
    await live.until((d: any) => d.callAuctionUpdated.indicativePrice?.amount === '5.00');

    const called = await live.until((d: any) => d.callAuctionUpdated.status !== 'OPEN', 15_000);
    expect(called.callAuctionUpdated).toEqual({
      status: 'CLEARED',
      indicativeQuantity: 16,
      indicativePrice: { amount: '5.00' },
    });
    live.dispose();
    await socket.close();

    const seen = async (who: TestUser) =>
      (await server.gql(CALL_AUCTION, { id: auction.id }, who.token)).data.callAuction;
    const byA = await seen(a);
    expect(byA).toMatchObject({ status: 'CLEARED', clearingPrice: { amount: '5.00' }, clearedQuantity: 16 });
    expect(byA.viewerBids).toEqual([expect.objectContaining({ status: 'FILLED', filledQuantity: 8 })]);
    expect((await seen(b)).viewerBids).toEqual([
      expect.objectContaining({ status: 'FILLED', filledQuantity: 8 }),
    ]);
    expect((await seen(c)).viewerBids).toEqual([
      expect.objectContaining({ status: 'UNFILLED', filledQuantity: 0 }),
    ]);

    const ordersA = await ordersOf(a, auction.id);
    expect(ordersA).toEqual([
      expect.objectContaining({ quantity: 8, source: 'CALL_AUCTION', unitPrice: { amount: '5.00' } }),
    ]);
    expect(await ordersOf(b, auction.id)).toEqual([
      expect.objectContaining({ quantity: 8, unitPrice: { amount: '5.00' } }),
    ]);
    expect(await ordersOf(c, auction.id)).toEqual([]);
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 16);
  });

  it('clears the second worked example at 4.00: A gets 6, B 4 (partially filled), nothing goes back', async () => {
    const before = await stockOf(server.databaseUrl, shop.productId);
    const auction = await create([[10, '4.00']], 2);
    expect((await bid(a, auction.id, 6, '5.00')).userErrors).toEqual([]);
    expect((await bid(b, auction.id, 6, '5.00')).userErrors).toEqual([]);
    const called = await waitForCall(server.gql, auction.id, a.token);
    expect(called).toMatchObject({
      status: 'CLEARED',
      clearingPrice: { amount: '4.00' },
      clearedQuantity: 10,
    });
    expect(called.viewerBids).toEqual([expect.objectContaining({ status: 'FILLED', filledQuantity: 6 })]);
    const byB = (await server.gql(CALL_AUCTION, { id: auction.id }, b.token)).data.callAuction;
    expect(byB.viewerBids).toEqual([
      expect.objectContaining({ status: 'PARTIALLY_FILLED', filledQuantity: 4 }),
    ]);
    expect(await ordersOf(a, auction.id)).toEqual([
      expect.objectContaining({ quantity: 6, unitPrice: { amount: '4.00' } }),
    ]);
    expect(await ordersOf(b, auction.id)).toEqual([
      expect.objectContaining({ quantity: 4, unitPrice: { amount: '4.00' } }),
    ]);
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before - 10);
  });

  it('ends in NO_TRADE when nothing crosses: no price, every bid unfilled, all supply back in stock', async () => {
    const before = await stockOf(server.databaseUrl, shop.productId);
    const auction = await create([[5, '8.00']], 2);
    await bid(a, auction.id, 3, '7.99');
    const called = await waitForCall(server.gql, auction.id, a.token);
    expect(called).toMatchObject({
      status: 'NO_TRADE',
      clearingPrice: null,
      clearedQuantity: 0,
      indicativePrice: null,
      indicativeQuantity: 0,
    });
    expect(called.viewerBids).toEqual([expect.objectContaining({ status: 'UNFILLED', filledQuantity: 0 })]);
    expect(await ordersOf(a, auction.id)).toEqual([]);
    expect(await stockOf(server.databaseUrl, shop.productId)).toBe(before);
  });

  it('lets bids be withdrawn until the call time and refuses bids and withdrawals from then on', async () => {
    const auction = await create([[5, '4.00']], 3);
    const first = await bid(a, auction.id, 2, '5.00');
    const second = await bid(a, auction.id, 1, '6.00');
    const withdrawn = await server.gql(WITHDRAW_LIMIT_BID, { input: { bidId: first.bid.id } }, a.token);
    expect(withdrawn.data.withdrawLimitBid.userErrors).toEqual([]);
    expect(withdrawn.data.withdrawLimitBid.callAuction).toMatchObject({ bidCount: 1, indicativeQuantity: 1 });
    const again = await server.gql(WITHDRAW_LIMIT_BID, { input: { bidId: first.bid.id } }, a.token);
    expect(again.data.withdrawLimitBid.userErrors).toEqual([expect.objectContaining({ code: 'NOT_OPEN' })]);
    const foreign = await server.gql(WITHDRAW_LIMIT_BID, { input: { bidId: second.bid.id } }, b.token);
    expect(foreign.data.withdrawLimitBid.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'bidId'], code: 'NOT_FOUND' }),
    ]);

    // From the call time on, whether or not the call has run yet.
    await new Promise((r) => setTimeout(r, new Date(auction.callAt).getTime() - Date.now() + 10));
    const late = await bid(b, auction.id, 1, '9.00');
    expect(late.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'auctionId'], code: 'DEADLINE_PASSED' }),
    ]);
    const lateWithdrawal = await server.gql(WITHDRAW_LIMIT_BID, { input: { bidId: second.bid.id } }, a.token);
    expect(lateWithdrawal.data.withdrawLimitBid.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'bidId'], code: 'DEADLINE_PASSED' }),
    ]);
    const called = await waitForCall(server.gql, auction.id, a.token);
    expect(called.viewerBids.map((x: any) => x.status)).toEqual(['WITHDRAWN', 'FILLED']);
  });

  it('answers a retried bid with the first one and refuses the key for another bid', async () => {
    const auction = await create([[5, '4.00']], 30);
    const k = key();
    const one = await bid(a, auction.id, 2, '5.00', k);
    const two = await bid(a, auction.id, 2, '5.00', k);
    expect(two.userErrors).toEqual([]);
    expect(two.bid.id).toBe(one.bid.id);
    expect(two.callAuction.bidCount).toBe(1);
    const other = await bid(a, auction.id, 3, '5.00', k);
    expect(other.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' }),
    ]);
  });

  it('refuses bad auctions and bad bids with userErrors naming the field', async () => {
    const small = await createShop(server, { staff: [seller], stock: 5 });
    const attempt = (
      supply: Array<[number, string, string?]>,
      seconds = 60,
      productId = small.product,
      who = seller,
    ) =>
      server
        .gql(
          CREATE_CALL_AUCTION,
          {
            input: {
              productId,
              supply: supply.map(([quantity, amount, currencyCode = 'EUR']) => ({
                quantity,
                minUnitPrice: { amount, currencyCode },
              })),
              callAt: inSeconds(seconds),
            },
          },
          who.token,
        )
        .then((r) => r);
    const errorsOf = async (...args: Parameters<typeof attempt>) =>
      (await attempt(...args)).data.createCallAuction.userErrors.map((e: any) => [e.field.join('.'), e.code]);

    expect(
      await errorsOf([
        [2, '5.00'],
        [2, '4.00'],
      ]),
    ).toEqual([['input.supply.1.minUnitPrice', 'INVALID']]);
    expect(
      await errorsOf([
        [2, '5.00'],
        [2, '5.00'],
      ]),
    ).toEqual([['input.supply.1.minUnitPrice', 'INVALID']]);
    expect(
      await errorsOf([
        [4, '4.00'],
        [2, '5.00'],
      ]),
    ).toEqual([['input.supply', 'OUT_OF_STOCK']]);
    expect(await errorsOf([[2, '4.00']], -5)).toEqual([['input.callAt', 'OUT_OF_RANGE']]);
    expect(await errorsOf([[2, '0.00']])).toEqual([['input.supply.0.minUnitPrice.amount', 'OUT_OF_RANGE']]);
    expect(await errorsOf([[2, '-1.00']])).toEqual([['input.supply.0.minUnitPrice.amount', 'INVALID']]);
    expect(await errorsOf([[2, '4.00', 'CHF']])).toEqual([
      ['input.supply.0.minUnitPrice.currencyCode', 'INVALID'],
    ]);
    expect(await errorsOf([[0, '4.00']])).toEqual([['input.supply.0.quantity', 'OUT_OF_RANGE']]);
    expect(await errorsOf([])).toEqual([['input.supply', 'OUT_OF_RANGE']]);
    // Nothing refused took any stock.
    expect(await stockOf(server.databaseUrl, small.productId)).toBe(5);
    const stranger = await attempt([[2, '4.00']], 60, small.product, a);
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const auction = await create([[5, '4.00']], 30);
    const bidErrors = async (quantity: number, amount: string, currencyCode = 'EUR') => {
      const res = await server.gql(
        PLACE_LIMIT_BID,
        {
          input: {
            auctionId: auction.id,
            quantity,
            maxUnitPrice: { amount, currencyCode },
            idempotencyKey: key(),
          },
        },
        a.token,
      );
      return res.data.placeLimitBid.userErrors.map((e: any) => [e.field.join('.'), e.code]);
    };
    expect(await bidErrors(1, '0')).toEqual([['input.maxUnitPrice.amount', 'OUT_OF_RANGE']]);
    expect(await bidErrors(1, '-2.00')).toEqual([['input.maxUnitPrice.amount', 'INVALID']]);
    expect(await bidErrors(1, '5.00', 'CHF')).toEqual([['input.maxUnitPrice.currencyCode', 'INVALID']]);
    expect(await bidErrors(0, '5.00')).toEqual([['input.quantity', 'OUT_OF_RANGE']]);
    const anonymous = await server.gql(PLACE_LIMIT_BID, {
      input: { auctionId: auction.id, quantity: 1, maxUnitPrice: eur('5.00'), idempotencyKey: key() },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await server.gql(
      PLACE_LIMIT_BID,
      { input: { auctionId: shop.product, quantity: 1, maxUnitPrice: eur('5.00'), idempotencyKey: key() } },
      a.token,
    );
    expect(unknown.data.placeLimitBid.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });

  it('lists call auctions by status and fetches them and one’s bids as nodes', async () => {
    const auction = await create([[1, '4.00']], 60);
    const placed = await bid(a, auction.id, 1, '4.00');
    const list = await server.gql(
      `{ callAuctions(first: 50, status: [OPEN]) { totalCount nodes { id status } } }`,
    );
    expect(list.data.callAuctions.nodes).toContainEqual({ id: auction.id, status: 'OPEN' });
    expect(list.data.callAuctions.nodes.every((n: any) => n.status === 'OPEN')).toBe(true);
    const nodes = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const mine = await server.gql(nodes, { ids: [auction.id, placed.bid.id] }, a.token);
    expect(mine.data.nodes).toEqual([{ id: auction.id }, { id: placed.bid.id }]);
    const theirs = await server.gql(nodes, { ids: [placed.bid.id] }, b.token);
    expect(theirs.data.nodes).toEqual([null]);
  });
});
