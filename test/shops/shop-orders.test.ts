import { startTestServer, type TestServer } from '../helpers/server';
import { updatePrivacy } from '../helpers/privacy-factories';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { dbId, rows } from '../helpers/database';
import { countStatements } from '../helpers/sql-counter';
import { ACCEPT_BID, createRequest, placeBid } from '../helpers/bidding-factories';
import {
  CANCEL_ORDER,
  COMPLETE_ORDER,
  CONFIRM_ORDER,
  MARK_READY,
  ORDER_NODE,
  RATE_ORDER,
  SET_FULFILMENT,
  placeOrder,
} from '../helpers/shops-factories';

jest.setTimeout(60_000);

const ADDRESS = {
  name: 'Anna Huber',
  line1: 'Dorfstraße 3',
  postalCode: '87435',
  city: 'Kempten',
  country: 'DE',
};

const MERCHANT_ORDERS = /* GraphQL */ `
  query ($id: ID!, $first: Int, $status: [OrderStatus!]) {
    merchant(id: $id) {
      orders(first: $first, status: $status) {
        totalCount
        nodes {
          id
          status
          buyer {
            handle
            displayName
          }
          history {
            status
            actor {
              handle
            }
          }
        }
      }
    }
  }
`;

describe('a shop’s orders, fulfilment and ratings', () => {
  let server: TestServer;
  let owner: TestUser;
  let buyer: TestUser;
  let other: TestUser;
  let stranger: TestUser;
  let rival: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [owner, buyer, other, stranger, rival] = await createUsers(server, 5, 'shop');
    shop = await createShop(server, { staff: [owner], stock: 1000 });
    await createShop(server, { staff: [rival] });
  });
  afterAll(() => server.close());

  const act = (mutation: string, user: TestUser, input: Record<string, unknown>) =>
    server.gql(mutation, { input }, user.token);

  async function completed(by: TestUser = buyer): Promise<string> {
    const orderId = await placeOrder(server.gql, by, shop.product);
    await act(CONFIRM_ORDER, owner, { orderId });
    await act(MARK_READY, owner, { orderId });
    await act(COMPLETE_ORDER, owner, { orderId });
    return orderId;
  }

  it('lets the buyer choose delivery with an address that only the buyer and staff see', async () => {
    const orderId = await placeOrder(server.gql, buyer, shop.product);
    const missing = await act(SET_FULFILMENT, buyer, {
      orderId,
      method: 'DELIVERY',
      address: { ...ADDRESS, line1: ' ' },
    });
    expect(missing.data.setOrderFulfilment.userErrors).toEqual([
      { field: ['input', 'address', 'line1'], code: 'TOO_SHORT', message: expect.any(String) },
    ]);
    const none = await act(SET_FULFILMENT, buyer, { orderId, method: 'DELIVERY' });
    expect(none.data.setOrderFulfilment.userErrors[0]).toMatchObject({ field: ['input', 'address'] });
    expect(
      (await act(SET_FULFILMENT, owner, { orderId, method: 'PICKUP' })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const set = await act(SET_FULFILMENT, buyer, { orderId, method: 'DELIVERY', address: ADDRESS });
    expect(set.data.setOrderFulfilment.order.fulfilment).toEqual({
      method: 'DELIVERY',
      address: { ...ADDRESS, line2: null },
    });
    const asStaff = await server.gql(ORDER_NODE, { id: orderId }, owner.token);
    expect(asStaff.data.node.fulfilment.address.city).toBe('Kempten');
    // A public order history shows the order to anyone, but never its buyer, history or address.
    await updatePrivacy(server.gql, buyer, { orderHistoryAudience: 'PUBLIC' });
    const asStranger = await server.gql(ORDER_NODE, { id: orderId }, stranger.token);
    expect(asStranger.data.node).toMatchObject({
      id: orderId,
      buyer: null,
      history: [],
      fulfilment: { method: 'DELIVERY', address: null },
    });
    await updatePrivacy(server.gql, buyer, { orderHistoryAudience: 'PRIVATE' });
    expect((await server.gql(ORDER_NODE, { id: orderId }, stranger.token)).data.node).toBeNull();
    // No change once READY.
    await act(CONFIRM_ORDER, owner, { orderId });
    await act(MARK_READY, owner, { orderId });
    const late = await act(SET_FULFILMENT, buyer, { orderId, method: 'PICKUP' });
    expect(late.data.setOrderFulfilment.userErrors[0].code).toBe('INVALID_TRANSITION');
  });

  it('exports the address and erases it with the account, keeping the order', async () => {
    const [leaver] = await createUsers(server, 1, 'leave');
    const orderId = await placeOrder(server.gql, leaver, shop.product);
    await act(SET_FULFILMENT, leaver, { orderId, method: 'DELIVERY', address: ADDRESS });
    const exported = await server.gql(
      `mutation ($input: ExportMyDataInput!) { exportMyData(input: $input) { export userErrors { code } } }`,
      { input: { password: leaver.password } },
      leaver.token,
    );
    const orders = exported.data.exportMyData.export.orders;
    expect(orders[0].deliveryAddress).toMatchObject({ city: 'Kempten', line1: 'Dorfstraße 3' });
    const deleted = await server.gql(
      `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { code } } }`,
      { input: { password: leaver.password, reviews: 'DELETE' } },
      leaver.token,
    );
    expect(deleted.data.deleteMyAccount.userErrors).toEqual([]);
    const [kept] = await rows(
      server.databaseUrl,
      'SELECT buyer_id, delivery_address FROM orders WHERE id = $1',
      [dbId(orderId)],
    );
    expect(kept).toEqual({ buyer_id: null, delivery_address: null });
  });

  it('lists the shop’s orders newest first for staff only, filtered by status, in statements constant in size', async () => {
    const [shopOwner, ...buyers] = await createUsers(server, 13, 'list');
    const small = await createShop(server, { staff: [shopOwner], stock: 1000 });
    const placed: string[] = [];
    for (const b of buyers) placed.unshift(await placeOrder(server.gql, b, small.product));
    await act(CONFIRM_ORDER, shopOwner, { orderId: placed[0] });
    await act(CANCEL_ORDER, shopOwner, { orderId: placed[1], reason: 'Closed' });

    const all = await server.gql(MERCHANT_ORDERS, { id: small.id, first: 20 }, shopOwner.token);
    expect(all.data.merchant.orders.totalCount).toBe(12);
    expect(all.data.merchant.orders.nodes.map((n: { id: string }) => n.id)).toEqual(placed);
    expect(all.data.merchant.orders.nodes[2].buyer).toEqual({
      handle: buyers[9].handle,
      displayName: buyers[9].displayName,
    });
    const open = await server.gql(
      MERCHANT_ORDERS,
      { id: small.id, first: 20, status: ['CONFIRMED', 'CANCELLED'] },
      shopOwner.token,
    );
    expect(open.data.merchant.orders.nodes.map((n: { status: string }) => n.status)).toEqual([
      'CONFIRMED',
      'CANCELLED',
    ]);
    for (const outsider of [stranger, rival, buyers[0]]) {
      const res = await server.gql(MERCHANT_ORDERS, { id: small.id, first: 20 }, outsider.token);
      expect(res.data.merchant.orders).toEqual({ totalCount: 0, nodes: [] });
    }

    const counter = countStatements();
    try {
      await server.gql(MERCHANT_ORDERS, { id: small.id, first: 1 }, shopOwner.token);
      counter.take();
      await server.gql(MERCHANT_ORDERS, { id: small.id, first: 2 }, shopOwner.token);
      const few = counter.take();
      await server.gql(MERCHANT_ORDERS, { id: small.id, first: 12 }, shopOwner.token);
      const many = counter.take();
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(8);
    } finally {
      counter.restore();
    }
  });

  it('shows the buyer of an awarded price request to the winning shop’s staff only', async () => {
    const request = await createRequest(server.gql, buyer);
    const query = `query ($id: ID!) { priceRequest(id: $id) { buyer { handle } } }`;
    const buyerOf = async (viewer: TestUser) =>
      (await server.gql(query, { id: request.id }, viewer.token)).data.priceRequest.buyer;
    expect(await buyerOf(buyer)).toEqual({ handle: buyer.handle });
    const bid = await placeBid(server.gql, owner, request.id, '8.00', { merchantId: shop.id });
    expect(await buyerOf(owner)).toBeNull();
    await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, buyer.token);
    expect(await buyerOf(owner)).toEqual({ handle: buyer.handle });
    expect(await buyerOf(rival)).toBeNull();
    expect(await buyerOf(stranger)).toBeNull();
  });

  it('rates both ways after completion, once each, double-blind, with both aggregates', async () => {
    const early = await placeOrder(server.gql, buyer, shop.product);
    const refused = await act(RATE_ORDER, buyer, { orderId: early, rating: 5 });
    expect(refused.data.rateOrder.userErrors).toEqual([
      { field: ['input', 'orderId'], code: 'NOT_RATEABLE', message: expect.any(String) },
    ]);
    const orderId = await completed();
    const bad = await act(RATE_ORDER, buyer, { orderId, rating: 6, comment: 'x'.repeat(1001) });
    expect(
      bad.data.rateOrder.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code]),
    ).toEqual([
      [['input', 'rating'], 'OUT_OF_RANGE'],
      [['input', 'comment'], 'TOO_LONG'],
    ]);
    expect((await act(RATE_ORDER, stranger, { orderId, rating: 1 })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );

    const first = await act(RATE_ORDER, buyer, { orderId, rating: 4, comment: 'Friendly' });
    expect(first.data.rateOrder.userErrors).toEqual([]);
    // Double-blind: nothing shows until the other side rated.
    expect(first.data.rateOrder.order.merchantRating).toBeNull();
    const sellerRating = `query ($id: ID!) { merchant(id: $id) { sellerRating { average count } } }`;
    expect((await server.gql(sellerRating, { id: shop.id })).data.merchant.sellerRating).toEqual({
      average: null,
      count: 0,
    });
    const again = await act(RATE_ORDER, buyer, { orderId, rating: 5 });
    expect(again.data.rateOrder.userErrors[0].code).toBe('ALREADY_RATED');

    const second = await act(RATE_ORDER, owner, { orderId, rating: 5, comment: 'Paid on time' });
    expect(second.data.rateOrder.order).toMatchObject({
      merchantRating: { rating: 4, comment: 'Friendly' },
      buyerRating: { rating: 5, comment: 'Paid on time' },
    });
    expect((await server.gql(sellerRating, { id: shop.id })).data.merchant.sellerRating).toEqual({
      average: 4,
      count: 1,
    });
    const buyerRating = `query ($h: String!) { user(handle: $h) { buyerRating { average count } } }`;
    expect((await server.gql(buyerRating, { h: buyer.handle }, buyer.token)).data.user.buyerRating).toEqual({
      average: 5,
      count: 1,
    });
    expect(
      (await server.gql(buyerRating, { h: buyer.handle }, owner.token)).data.user.buyerRating.count,
    ).toBe(1);
    expect(
      (await server.gql(buyerRating, { h: buyer.handle }, stranger.token)).data.user.buyerRating,
    ).toBeNull();

    // One side only, shown 14 days after completion.
    const lonely = await completed(other);
    await act(RATE_ORDER, other, { orderId: lonely, rating: 2 });
    expect((await server.gql(sellerRating, { id: shop.id })).data.merchant.sellerRating.count).toBe(1);
    await rows(
      server.databaseUrl,
      `UPDATE orders SET completed_at = now() - interval '15 days' WHERE id = $1`,
      [dbId(lonely)],
    );
    expect((await server.gql(sellerRating, { id: shop.id })).data.merchant.sellerRating).toEqual({
      average: 3,
      count: 2,
    });
    await rows(
      server.databaseUrl,
      `UPDATE orders SET completed_at = now() - interval '31 days' WHERE id = $1`,
      [dbId(lonely)],
    );
    const closed = await act(RATE_ORDER, owner, { orderId: lonely, rating: 3 });
    expect(closed.data.rateOrder.userErrors[0].code).toBe('NOT_RATEABLE');
  });
});
