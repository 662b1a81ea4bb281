import { type TestUser, createShop, createUser, createUsers } from '../helpers/factories';
import {
  ACCEPT_BID,
  CANCEL_REQUEST,
  CREATE_REQUEST,
  JOIN_REQUEST,
  LEAVE_REQUEST,
  joinRequest,
  placeBid,
  requestInput,
} from '../helpers/bidding-factories';
import { CREATE_POOL, JOIN_POOL, POOL, STANDARD_TIERS, inSeconds, key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbId, rows, sql } from '../helpers/database';

describe('group price requests', () => {
  let server: TestServer;
  let members: TestUser[];
  let outsider: TestUser;
  let merchantStaff: TestUser;
  let poolSeller: TestUser;
  let pool: { id: string; productId: string };

  beforeAll(async () => {
    server = await startTestServer();
    members = await createUsers(server, 3, 'member');
    [outsider, merchantStaff, poolSeller] = await createUsers(server, 3, 'other');
    await createShop(server, { staff: [merchantStaff] });
    const shop = await createShop(server, {
      staff: [poolSeller],
      stock: 100,
      title: 'Saatkartoffeln, 25 kg',
    });
    const created = await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers: STANDARD_TIERS, capacity: 50, deadline: inSeconds(3600) } },
      poolSeller.token,
    );
    pool = { id: created.data.createPool.pool.id, productId: shop.productId };
    for (const [i, member] of members.entries()) {
      const joined = await server.gql(
        JOIN_POOL,
        { input: { poolId: pool.id, quantity: [3, 5, 2][i], idempotencyKey: key() } },
        member.token,
      );
      expect(joined.data.joinPool.userErrors).toEqual([]);
    }
  });
  afterAll(() => server.close());

  const fromPool = (quantity: number) => requestInput({ title: 'Saatkartoffeln', quantity, poolId: pool.id });
  const join = (user: TestUser, requestId: string, quantity: number, idempotencyKey = key()) =>
    server.gql(JOIN_REQUEST, { input: { requestId, quantity, idempotencyKey } }, user.token);
  const view = (requestId: string, user?: TestUser) =>
    server.gql(
      `query ($id: ID!) { priceRequest(id: $id) {
         quantity participantCount viewerQuantity viewerIsBuyer isGroupRequest bids { totalCount } } }`,
      { id: requestId },
      user?.token,
    );

  it('made from a pool, is the creator’s own request, invites the other members and leaves the pool as it is', async () => {
    const refused = await server.gql(CREATE_REQUEST, { input: fromPool(1) }, outsider.token);
    expect(refused.data.createPriceRequest.userErrors).toEqual([
      {
        field: ['input', 'poolId'],
        code: 'FORBIDDEN',
        message: 'Only a member of the pool can ask for its price.',
      },
    ]);
    const before = (await server.gql(POOL, { id: pool.id })).data.pool;

    const res = await server.gql(CREATE_REQUEST, { input: fromPool(3) }, members[0].token);
    expect(res.data.createPriceRequest.userErrors).toEqual([]);
    const request = res.data.createPriceRequest.priceRequest;
    expect(request.quantity).toBe(3);
    expect((await view(request.id, members[0])).data.priceRequest).toEqual({
      quantity: 3,
      participantCount: 1,
      viewerQuantity: 3,
      viewerIsBuyer: true,
      isGroupRequest: true,
      bids: { totalCount: 0 },
    });

    // The pool goes on: same status, same commitments, its stock still reserved, nobody told it ended.
    const after = (await server.gql(POOL, { id: pool.id })).data.pool;
    expect(after).toEqual(before);
    expect(after.status).toBe('TIPPED');
    const [{ stock }] = await rows(server.databaseUrl, 'SELECT stock FROM products WHERE id = $1', [
      pool.productId,
    ]);
    expect(stock).toBe(50);
    expect(
      await rows(server.databaseUrl, `SELECT 1 FROM notifications WHERE kind = 'POOL_CANCELLED'`),
    ).toEqual([]);
    const invited = await rows(
      server.databaseUrl,
      `SELECT recipient_id, actor_id FROM notifications WHERE kind = 'PRICE_REQUEST_INVITATION' AND data->>'requestId' = $1
        ORDER BY recipient_id`,
      [dbId(request.id)],
    );
    expect(invited).toEqual(
      [members[1], members[2]]
        .map((m) => ({ recipient_id: m.dbId, actor_id: members[0].dbId }))
        .sort((a, b) => a.recipient_id.localeCompare(b.recipient_id)),
    );
    const [stored] = await rows(
      server.databaseUrl,
      'SELECT pool_id, product_id, quantity FROM price_requests WHERE id = $1',
      [dbId(request.id)],
    );
    expect(stored).toEqual({ pool_id: dbId(pool.id), product_id: pool.productId, quantity: 3 });

    // Another member may ask again: the pool is still open.
    const again = await server.gql(CREATE_REQUEST, { input: fromPool(1) }, members[1].token);
    expect(again.data.createPriceRequest.userErrors).toEqual([]);
  });

  it('grows with everyone’s own quantity, idempotently, shrinks as people leave, and awards one order each', async () => {
    const request = (await server.gql(CREATE_REQUEST, { input: fromPool(3) }, members[0].token)).data
      .createPriceRequest.priceRequest;
    const bid = await placeBid(server.gql, merchantStaff, request.id, '0.80');
    // An invited member sees no bids until joining.
    expect((await view(request.id, members[1])).data.priceRequest).toMatchObject({
      viewerQuantity: null,
      viewerIsBuyer: false,
      bids: { totalCount: 0 },
    });

    const joinKey = key();
    const joined = await join(members[1], request.id, 5, joinKey);
    expect(joined.data.joinPriceRequest).toEqual({
      priceRequest: { id: request.id, status: 'OPEN', quantity: 8, participantCount: 2, viewerQuantity: 5 },
      userErrors: [],
    });
    // A retry changes nothing and answers as the first did; the key with another quantity is refused.
    expect((await join(members[1], request.id, 5, joinKey)).data.joinPriceRequest).toEqual(
      joined.data.joinPriceRequest,
    );
    expect((await join(members[1], request.id, 6, joinKey)).data.joinPriceRequest).toEqual({
      priceRequest: null,
      userErrors: [
        {
          field: ['input', 'idempotencyKey'],
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This idempotency key was used for another join.',
        },
      ],
    });
    expect((await view(request.id, members[1])).data.priceRequest).toMatchObject({
      quantity: 8,
      viewerIsBuyer: true,
      bids: { totalCount: 1 },
    });
    // Joining again sets the quantity; anyone may join, not only the pool's members.
    expect((await joinRequest(server.gql, members[1], request.id, 6)).quantity).toBe(9);
    expect(await joinRequest(server.gql, outsider, request.id, 4)).toEqual(
      expect.objectContaining({ quantity: 13, participantCount: 3, viewerQuantity: 4 }),
    );
    expect(await joinRequest(server.gql, members[2], request.id, 1)).toEqual(
      expect.objectContaining({ quantity: 14, participantCount: 4 }),
    );
    const left = await server.gql(LEAVE_REQUEST, { input: { requestId: request.id } }, members[2].token);
    expect(left.data.leavePriceRequest).toEqual({
      priceRequest: {
        id: request.id,
        status: 'OPEN',
        quantity: 13,
        participantCount: 3,
        viewerQuantity: null,
      },
      userErrors: [],
    });
    const leftAgain = await server.gql(LEAVE_REQUEST, { input: { requestId: request.id } }, members[2].token);
    expect(leftAgain.data.leavePriceRequest.userErrors).toEqual([
      {
        field: ['input', 'requestId'],
        code: 'NOT_PARTICIPATING',
        message: 'You have not joined this price request.',
      },
    ]);
    const creatorLeaves = await server.gql(
      LEAVE_REQUEST,
      { input: { requestId: request.id } },
      members[0].token,
    );
    expect(creatorLeaves.data.leavePriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'requestId'], code: 'FORBIDDEN' }),
    ]);

    // Only the creator accepts or cancels; a participant does neither.
    const byMember = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, members[1].token);
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cancelByMember = await server.gql(
      CANCEL_REQUEST,
      { input: { requestId: request.id } },
      members[1].token,
    );
    expect(cancelByMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const accepted = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, members[0].token);
    expect(accepted.data.acceptBid.priceRequest.status).toBe('AWARDED');
    const orders = await rows(
      server.databaseUrl,
      `SELECT buyer_id, quantity, unit_price_minor, title, product_id FROM orders WHERE source_id = $1
        ORDER BY quantity`,
      [dbId(request.id)],
    );
    expect(orders).toEqual(
      [
        { buyer_id: members[0].dbId, quantity: 3 },
        { buyer_id: outsider.dbId, quantity: 4 },
        { buyer_id: members[1].dbId, quantity: 6 },
      ].map((o) => ({ ...o, unit_price_minor: 80, title: 'Saatkartoffeln', product_id: pool.productId })),
    );
    const notices = await rows(
      server.databaseUrl,
      `SELECT recipient_id FROM notifications WHERE kind = 'PRICE_REQUEST_AWARDED' AND data->>'requestId' = $1
        ORDER BY recipient_id`,
      [dbId(request.id)],
    );
    expect(notices.map((n) => n.recipient_id)).toEqual([members[1].dbId, outsider.dbId].sort());

    // After the award nobody joins or leaves, and the pool still stands.
    expect((await join(members[2], request.id, 1)).data.joinPriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'requestId'], code: 'NOT_OPEN' }),
    ]);
    const lateLeave = await server.gql(LEAVE_REQUEST, { input: { requestId: request.id } }, outsider.token);
    expect(lateLeave.data.leavePriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'requestId'], code: 'NOT_OPEN' }),
    ]);
    expect((await server.gql(POOL, { id: pool.id })).data.pool.status).toBe('TIPPED');
  });

  it('sums concurrent joins exactly', async () => {
    const buyer = await createUser(server);
    const request = (await server.gql(CREATE_REQUEST, { input: requestInput({ quantity: 1 }) }, buyer.token))
      .data.createPriceRequest.priceRequest;
    const people = await createUsers(server, 20, 'crowd');
    const results = await Promise.all(people.map((p, i) => join(p, request.id, i + 1)));
    expect(results.map((r) => r.data.joinPriceRequest.userErrors)).toEqual(people.map(() => []));
    expect((await view(request.id)).data.priceRequest).toMatchObject({
      quantity: 1 + (20 * 21) / 2,
      participantCount: 21,
      viewerQuantity: null,
      isGroupRequest: false,
    });
  });

  it('refuses a bad quantity, an unknown request, a passed deadline and anonymous callers', async () => {
    const buyer = await createUser(server);
    const request = (await server.gql(CREATE_REQUEST, { input: requestInput() }, buyer.token)).data
      .createPriceRequest.priceRequest;
    expect((await join(outsider, request.id, 0)).data.joinPriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'quantity'] }),
    ]);
    expect((await join(outsider, pool.id, 1)).data.joinPriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'requestId'], code: 'NOT_FOUND' }),
    ]);
    const anonymous = await server.gql(JOIN_REQUEST, {
      input: { requestId: request.id, quantity: 1, idempotencyKey: key() },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const db = await sql(server.databaseUrl);
    await db.query(`UPDATE price_requests SET deadline = now() - interval '1 second' WHERE id = $1`, [
      dbId(request.id),
    ]);
    await db.close();
    expect((await join(outsider, request.id, 1)).data.joinPriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'requestId'], code: 'DEADLINE_PASSED' }),
    ]);
  });
});
