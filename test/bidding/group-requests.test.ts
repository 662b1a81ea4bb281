import { type TestUser, createUser, createShop } from '../helpers/factories';
import {
  ACCEPT_BID,
  CANCEL_REQUEST,
  CREATE_REQUEST,
  placeBid,
  requestInput,
} from '../helpers/bidding-factories';
import { CREATE_POOL, JOIN_POOL, POOL, STANDARD_TIERS, inSeconds, key } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbId, rows } from '../helpers/database';

describe('group price requests', () => {
  let server: TestServer;
  let members: TestUser[];
  let outsider: TestUser;
  let merchantStaff: TestUser;
  let poolId: string;

  beforeAll(async () => {
    server = await startTestServer();
    members = await Promise.all([1, 2, 3].map(() => createUser(server)));
    const [poolSeller] = await Promise.all([createUser(server)]);
    [outsider, merchantStaff] = await Promise.all([createUser(server), createUser(server)]);
    await createShop(server, { staff: [merchantStaff] });
    const shop = await createShop(server, { staff: [poolSeller], stock: 100 });
    const created = await server.gql(
      CREATE_POOL,
      { input: { productId: shop.product, tiers: STANDARD_TIERS, capacity: 50, deadline: inSeconds(3600) } },
      poolSeller.token,
    );
    poolId = created.data.createPool.pool.id;
    for (const [i, member] of members.entries()) {
      const joined = await server.gql(
        JOIN_POOL,
        { input: { poolId, quantity: [3, 5, 2][i], idempotencyKey: key() } },
        member.token,
      );
      expect(joined.data.joinPool.userErrors).toEqual([]);
    }
  });
  afterAll(() => server.close());

  const input = (poolId: string) => requestInput({ title: 'Saatkartoffeln', quantity: 1, poolId });

  it('asks for every member of the pool, with their quantity combined, and only a member may post it', async () => {
    const refused = await server.gql(CREATE_REQUEST, { input: input(poolId) }, outsider.token);
    expect(refused.data.createPriceRequest.userErrors).toEqual([
      {
        field: ['input', 'poolId'],
        code: 'FORBIDDEN',
        message: 'Only a member of the pool can ask for its price.',
      },
    ]);

    const res = await server.gql(CREATE_REQUEST, { input: input(poolId) }, members[0].token);
    const request = res.data.createPriceRequest.priceRequest;
    expect(res.data.createPriceRequest.userErrors).toEqual([]);
    expect(request.quantity).toBe(10);
    // The pool gives way to the request: cancelled, its stock released, its members told why.
    const pool = await server.gql(POOL, { id: poolId });
    expect(pool.data.pool.status).toBe('CANCELLED');
    const told = await rows(
      server.databaseUrl,
      `SELECT recipient_id FROM notifications WHERE kind = 'POOL_CANCELLED' AND data->>'reason' = 'PRICE_REQUEST' ORDER BY recipient_id`,
    );
    expect(told.map((r) => r.recipient_id)).toEqual(members.map((m) => dbId(m.id)).sort());
    const again = await server.gql(CREATE_REQUEST, { input: input(poolId) }, members[1].token);
    expect(again.data.createPriceRequest.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'poolId'], code: 'NOT_OPEN' }),
    ]);
    const [stored] = await rows(
      server.databaseUrl,
      'SELECT pool_id, quantity FROM price_requests WHERE id = $1',
      [dbId(request.id)],
    );
    expect(stored).toEqual({ pool_id: dbId(poolId), quantity: 10 });

    const bid = await placeBid(server.gql, merchantStaff, request.id, '0.80');
    const asMember = await server.gql(
      `query ($id: ID!) { priceRequest(id: $id) { isGroupRequest viewerIsBuyer bids { totalCount } } }`,
      { id: request.id },
      members[2].token,
    );
    expect(asMember.data.priceRequest).toEqual({
      isGroupRequest: true,
      viewerIsBuyer: true,
      bids: { totalCount: 1 },
    });

    // Members see the bids, but only the member who posted the request accepts or cancels it.
    const byMember = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, members[1].token);
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const cancelByMember = await server.gql(
      CANCEL_REQUEST,
      { input: { requestId: request.id } },
      members[1].token,
    );
    expect(cancelByMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const memberBid = await placeBid(server.gql, members[1], request.id, '0.70');
    expect(memberBid.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const accepted = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, members[0].token);
    expect(accepted.data.acceptBid.priceRequest.status).toBe('AWARDED');
    const orders = await rows(
      server.databaseUrl,
      'SELECT buyer_id, quantity, unit_price_minor, title FROM orders WHERE source_id = $1 ORDER BY quantity',
      [dbId(request.id)],
    );
    expect(orders).toEqual(
      [
        { buyer_id: dbId(members[2].id), quantity: 2 },
        { buyer_id: dbId(members[0].id), quantity: 3 },
        { buyer_id: dbId(members[1].id), quantity: 5 },
      ].map((o) => ({ ...o, unit_price_minor: 80, title: 'Saatkartoffeln' })),
    );
    const notices = await rows(
      server.databaseUrl,
      `SELECT recipient_id, kind FROM notifications WHERE data->>'requestId' = $1 ORDER BY kind, recipient_id`,
      [dbId(request.id)],
    );
    expect(notices).toEqual(
      [
        { recipient_id: dbId(merchantStaff.id), kind: 'BID_WON' },
        ...[members[1], members[2]].map((m) => ({
          recipient_id: dbId(m.id),
          kind: 'PRICE_REQUEST_AWARDED',
        })),
      ].sort((x, y) => x.kind.localeCompare(y.kind) || x.recipient_id.localeCompare(y.recipient_id)),
    );
  });
});
