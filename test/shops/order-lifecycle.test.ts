import { toGlobalId } from '../../src/core/relay/global-id';
import { CREATE_POOL, inSeconds, JOIN_POOL, key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { dbId, rows } from '../helpers/database';
import { connectSocket } from '../helpers/ws-client';
import { eventually, placeBid, createRequest, ACCEPT_BID } from '../helpers/bidding-factories';
import {
  CANCEL_ORDER,
  COMPLETE_ORDER,
  CONFIRM_ORDER,
  MARK_READY,
  ORDER_NODE,
  placeOrder,
} from '../helpers/shops-factories';

jest.setTimeout(60_000);

describe('the order lifecycle', () => {
  let server: TestServer;
  let owner: TestUser;
  let clerk: TestUser;
  let buyer: TestUser;
  let stranger: TestUser;
  let rival: TestUser;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [owner, clerk, buyer, stranger, rival] = await createUsers(server, 5, 'life');
    shop = await createShop(server, { staff: [owner, clerk], stock: 100 });
    await createShop(server, { staff: [rival] });
  });
  afterAll(() => server.close());

  const stockOf = async () =>
    (await rows(server.databaseUrl, 'SELECT stock FROM products WHERE id = $1', [shop.productId]))[0].stock;
  const statusOf = async (orderId: string) =>
    (await rows(server.databaseUrl, 'SELECT status FROM orders WHERE id = $1', [dbId(orderId)]))[0].status;
  const act = (mutation: string, user: TestUser, input: Record<string, unknown>) =>
    server.gql(mutation, { input }, user.token);

  it('runs a direct order from PLACED to COMPLETED, seen by buyer and staff, pushed live, with its history', async () => {
    const orderId = await placeOrder(server.gql, buyer, shop.product, 2);
    const buyerSocket = connectSocket(server.url, buyer.token);
    const staffSocket = connectSocket(server.url, clerk.token);
    try {
      const query = `subscription ($id: ID!) { orderUpdated(orderId: $id) { id status } }`;
      const asBuyer = buyerSocket.subscribe(query, { id: orderId });
      const asStaff = staffSocket.subscribe(query, { id: orderId });
      expect((await asBuyer.next()).data.orderUpdated.status).toBe('PLACED');
      expect((await asStaff.next()).data.orderUpdated.status).toBe('PLACED');

      const confirmed = await act(CONFIRM_ORDER, clerk, { orderId });
      if (!confirmed.data) throw new Error(JSON.stringify(confirmed.body));
      expect(confirmed.data.confirmOrder.userErrors).toEqual([]);
      expect(confirmed.data.confirmOrder.order.status).toBe('CONFIRMED');
      await asBuyer.until((d) => d.orderUpdated.status === 'CONFIRMED');
      await asStaff.until((d) => d.orderUpdated.status === 'CONFIRMED');

      const ready = await act(MARK_READY, owner, { orderId, note: 'At the counter from 9.' });
      expect(ready.data.markOrderReady.order.status).toBe('READY');
      await asBuyer.until((d) => d.orderUpdated.status === 'READY');

      const done = await act(COMPLETE_ORDER, buyer, { orderId });
      expect(done.data.completeOrder.userErrors).toEqual([]);
      await asStaff.until((d) => d.orderUpdated.status === 'COMPLETED');
      expect(done.data.completeOrder.order.history).toEqual([
        { status: 'PLACED', at: expect.any(String), actor: { handle: buyer.handle }, note: null },
        { status: 'CONFIRMED', at: expect.any(String), actor: { handle: clerk.handle }, note: null },
        {
          status: 'READY',
          at: expect.any(String),
          actor: { handle: owner.handle },
          note: 'At the counter from 9.',
        },
        { status: 'COMPLETED', at: expect.any(String), actor: { handle: buyer.handle }, note: null },
      ]);
      const asStaffNode = await server.gql(ORDER_NODE, { id: orderId }, owner.token);
      expect(asStaffNode.data.node).toMatchObject({ status: 'COMPLETED', buyer: { handle: buyer.handle } });
      expect(asStaffNode.data.node.history).toHaveLength(4);
    } finally {
      await buyerSocket.close();
      await staffSocket.close();
    }
  });

  it('refuses strangers and other shops’ staff: no node, no moves, no subscription', async () => {
    const orderId = await placeOrder(server.gql, buyer, shop.product);
    for (const outsider of [stranger, rival]) {
      expect((await server.gql(ORDER_NODE, { id: orderId }, outsider.token)).data.node).toBeNull();
      const res = await act(CONFIRM_ORDER, outsider, { orderId });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const cancel = await act(CANCEL_ORDER, outsider, { orderId, reason: 'Mine now' });
      expect(cancel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const socket = connectSocket(server.url, stranger.token);
    try {
      const sub = socket.subscribe(`subscription ($id: ID!) { orderUpdated(orderId: $id) { id } }`, {
        id: orderId,
      });
      expect((await sub.next()).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      await socket.close();
    }
    // The buyer may not confirm their own order.
    expect((await act(CONFIRM_ORDER, buyer, { orderId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await statusOf(orderId)).toBe('PLACED');
  });

  it('refuses each illegal move with INVALID_TRANSITION and changes nothing', async () => {
    const orderId = await placeOrder(server.gql, buyer, shop.product);
    const refusedWith = async (res: { data: any }, field: string) => {
      expect(res.data[field]).toEqual({
        order: null,
        userErrors: [
          { field: ['input', 'orderId'], code: 'INVALID_TRANSITION', message: expect.any(String) },
        ],
      });
    };
    await refusedWith(await act(MARK_READY, clerk, { orderId }), 'markOrderReady');
    await refusedWith(await act(COMPLETE_ORDER, clerk, { orderId }), 'completeOrder');
    await act(CONFIRM_ORDER, clerk, { orderId });
    await refusedWith(await act(CONFIRM_ORDER, clerk, { orderId }), 'confirmOrder');
    // The buyer may cancel only while PLACED.
    await refusedWith(await act(CANCEL_ORDER, buyer, { orderId, reason: 'Changed my mind' }), 'cancelOrder');
    await act(MARK_READY, clerk, { orderId });
    const before = await stockOf();
    await act(COMPLETE_ORDER, buyer, { orderId });
    await refusedWith(await act(CANCEL_ORDER, clerk, { orderId, reason: 'Too late' }), 'cancelOrder');
    expect(await stockOf()).toBe(before);
    const history = await rows(server.databaseUrl, 'SELECT status FROM order_events WHERE order_id = $1', [
      dbId(orderId),
    ]);
    expect(history.map((h) => h.status)).toEqual(['PLACED', 'CONFIRMED', 'READY', 'COMPLETED']);
  });

  it('cancels with a reason, returning the units, and refuses a blank reason', async () => {
    const before = await stockOf();
    const orderId = await placeOrder(server.gql, buyer, shop.product, 3);
    expect(await stockOf()).toBe(before - 3);
    const blank = await act(CANCEL_ORDER, buyer, { orderId, reason: '   ' });
    expect(blank.data.cancelOrder.userErrors).toEqual([
      { field: ['input', 'reason'], code: 'TOO_SHORT', message: expect.any(String) },
    ]);
    expect(await stockOf()).toBe(before - 3);
    await act(CONFIRM_ORDER, clerk, { orderId });
    const cancelled = await act(CANCEL_ORDER, owner, { orderId, reason: 'Out of Bergkäse' });
    expect(cancelled.data.cancelOrder.order).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.data.cancelOrder.order.history.at(-1)).toEqual({
      status: 'CANCELLED',
      at: expect.any(String),
      actor: { handle: owner.handle },
      note: 'Out of Bergkäse',
    });
    expect(await stockOf()).toBe(before);
    const told = await rows(
      server.databaseUrl,
      `SELECT recipient_id FROM notifications WHERE kind = 'ORDER_STATUS_CHANGED' AND data->>'orderId' = $1`,
      [orderId],
    );
    expect(told.map((t) => t.recipient_id)).toEqual([buyer.dbId, buyer.dbId]);
  });

  it('ends a concurrent confirm and cancel in exactly one of them', async () => {
    for (let round = 0; round < 5; round++) {
      const before = await stockOf();
      const orderId = await placeOrder(server.gql, buyer, shop.product, 1);
      const [confirm, cancel] = await Promise.all([
        act(CONFIRM_ORDER, clerk, { orderId }),
        act(CANCEL_ORDER, buyer, { orderId, reason: 'Oops' }),
      ]);
      const won = [confirm.data.confirmOrder, cancel.data.cancelOrder].filter((p) => p.order);
      expect(won).toHaveLength(1);
      const status = await statusOf(orderId);
      expect(['CONFIRMED', 'CANCELLED']).toContain(status);
      expect(await stockOf()).toBe(status === 'CANCELLED' ? before : before - 1);
      const history = await rows(server.databaseUrl, 'SELECT status FROM order_events WHERE order_id = $1', [
        dbId(orderId),
      ]);
      expect(history.map((h) => h.status)).toEqual(['PLACED', status]);
    }
  });

  it('completes a READY order by itself 14 days later, through the job queue', async () => {
    const orderId = await placeOrder(server.gql, buyer, shop.product);
    await act(CONFIRM_ORDER, clerk, { orderId });
    await act(MARK_READY, clerk, { orderId });
    // Move the clock: the order has been ready for 14 days, and its job is due now.
    await rows(
      server.databaseUrl,
      `UPDATE orders SET ready_at = ready_at - interval '14 days' WHERE id = $1`,
      [dbId(orderId)],
    );
    await rows(
      server.databaseUrl,
      `UPDATE pgboss.job SET start_after = now() WHERE name = 'order-auto-complete' AND data->>'orderId' = $1`,
      [dbId(orderId)],
    );
    await eventually(async () => (await statusOf(orderId)) === 'COMPLETED', 20_000, 'automatic completion');
    const node = await server.gql(ORDER_NODE, { id: orderId }, buyer.token);
    expect(node.data.node.history.at(-1)).toEqual({
      status: 'COMPLETED',
      at: expect.any(String),
      actor: null,
      note: null,
    });
  });

  it('runs a pool order and an award order through the same lifecycle', async () => {
    const tiers = [{ minQuantity: 1, unitPrice: { amount: '9.00', currencyCode: 'EUR' } }];
    const created = await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers, capacity: 5, deadline: inSeconds(1.5) } },
      owner.token,
    );
    const poolId = created.data.createPool.pool.id;
    await server.gql(JOIN_POOL, { input: { poolId, quantity: 2, idempotencyKey: key() } }, buyer.token);
    const [poolOrder] = (await eventually(
      () =>
        rows(server.databaseUrl, `SELECT id FROM orders WHERE source = 'POOL' AND source_id = $1`, [
          dbId(poolId),
        ]).then((r) => (r.length ? r : null)),
      20_000,
      'pool order',
    ))!;
    const poolOrderId = toGlobalId('Order', poolOrder.id);

    const request = await createRequest(server.gql, buyer);
    const bid = await placeBid(server.gql, owner, request.id, '8.00', { merchantId: shop.id });
    await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, buyer.token);
    const [awardOrder] = await rows(
      server.databaseUrl,
      `SELECT id FROM orders WHERE source = 'PRICE_REQUEST' AND source_id = $1`,
      [dbId(request.id)],
    );
    const awardOrderId = toGlobalId('Order', awardOrder.id);

    for (const orderId of [poolOrderId, awardOrderId]) {
      expect((await server.gql(ORDER_NODE, { id: orderId }, stranger.token)).data.node).toBeNull();
      expect((await act(CONFIRM_ORDER, rival, { orderId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await act(CONFIRM_ORDER, clerk, { orderId });
      await act(MARK_READY, clerk, { orderId });
      const done = await act(COMPLETE_ORDER, clerk, { orderId });
      expect(done.data.completeOrder.order).toMatchObject({
        status: 'COMPLETED',
        buyer: { handle: buyer.handle },
      });
      const asBuyer = await server.gql(ORDER_NODE, { id: orderId }, buyer.token);
      expect(asBuyer.data.node.history.map((h: { status: string }) => h.status)).toEqual([
        'PLACED',
        'CONFIRMED',
        'READY',
        'COMPLETED',
      ]);
    }
  });
});
