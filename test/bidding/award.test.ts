import { toGlobalId } from '../../src/core/relay/global-id';
import { type TestUser, createUser, createShop, type TestShop } from '../helpers/factories';
import { ACCEPT_BID, createRequest, eventually, placeBid } from '../helpers/bidding-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbId, rows } from '../helpers/database';

/** Soft close in seconds: a bid in the last 2 seconds moves the deadline to 4 seconds after it. */
const WINDOW = 2;
const EXTENSION = 4;
/** Every bid must beat the best by 50 cents. */
const DECREMENT = '0.50';

describe('closing price requests', () => {
  let server: TestServer;
  let buyer: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let alicesShop: TestShop;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        BID_EXTENSION_WINDOW: String(WINDOW),
        BID_EXTENSION: String(EXTENSION),
        MIN_BID_DECREMENT: DECREMENT,
      },
    });
    [buyer, alice, bob] = await Promise.all([1, 2, 3].map(() => createUser(server)));
    alicesShop = await createShop(server, { staff: [alice] });
    await createShop(server, { staff: [bob] });
  });
  afterAll(() => server.close());

  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const statusOf = async (requestId: string) =>
    (await rows(server.databaseUrl, 'SELECT status FROM price_requests WHERE id = $1', [dbId(requestId)]))[0]
      .status as string;
  const closed = (requestId: string) =>
    eventually(
      async () => ((await statusOf(requestId)) === 'OPEN' ? null : statusOf(requestId)),
      25_000,
      'close',
    );
  const ordersOf = (requestId: string) =>
    rows(
      server.databaseUrl,
      `SELECT buyer_id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source, status
       FROM orders WHERE source_id = $1`,
      [dbId(requestId)],
    );
  const noticesOf = (requestId: string) =>
    rows(
      server.databaseUrl,
      `SELECT recipient_id, kind FROM notifications WHERE data->>'requestId' = $1 ORDER BY kind`,
      [dbId(requestId)],
    );

  describe('at the deadline', () => {
    // Set up together, so that their deadlines pass together.
    let request: { id: string };
    let best: Awaited<ReturnType<typeof placeBid>>;
    let tooDear: { id: string };
    let unwanted: { id: string };
    beforeAll(async () => {
      [request, tooDear, unwanted] = await Promise.all([
        createRequest(server.gql, buyer, {
          title: 'Bergkäse für das Vereinsfest',
          quantity: 12,
          maxUnitPrice: { amount: '20.00', currencyCode: 'EUR' },
          deadline: inSeconds(3),
        }),
        createRequest(server.gql, buyer, {
          maxUnitPrice: { amount: '5.00', currencyCode: 'EUR' },
          deadline: inSeconds(3),
        }),
        createRequest(server.gql, buyer, { deadline: inSeconds(1) }),
      ]);
      await placeBid(server.gql, bob, request.id, '18.00');
      best = await placeBid(server.gql, alice, request.id, '16.40');
      await placeBid(server.gql, alice, tooDear.id, '5.01');
    });

    it('awards the best bid at or under the maximum, with an order for the buyer', async () => {
      expect(await closed(request.id)).toBe('AWARDED');

      const view = await server.gql(
        `query ($id: ID!) { priceRequest(id: $id) { status awardedBid { id unitPrice { amount } } } }`,
        { id: request.id },
        buyer.token,
      );
      expect(view.data.priceRequest).toEqual({
        status: 'AWARDED',
        awardedBid: { id: best.payload.bid.id, unitPrice: { amount: '16.40' } },
      });
      expect(await ordersOf(request.id)).toEqual([
        {
          buyer_id: dbId(buyer.id),
          merchant_id: alicesShop.dbId,
          product_id: null,
          title: 'Bergkäse für das Vereinsfest',
          quantity: 12,
          unit_price_minor: 1640,
          currency: 'EUR',
          source: 'PRICE_REQUEST',
          status: 'PLACED',
        },
      ]);
      expect(await noticesOf(request.id)).toEqual([
        { recipient_id: bob.dbId, kind: 'BID_LOST' },
        { recipient_id: bob.dbId, kind: 'BID_OUTBID' },
        { recipient_id: dbId(alice.id), kind: 'BID_WON' },
        { recipient_id: dbId(buyer.id), kind: 'PRICE_REQUEST_AWARDED' },
      ]);
      const loser = await server.gql(
        `query ($id: ID!) { priceRequest(id: $id) { awardedBid { id } bestBid { unitPrice { amount } } } }`,
        { id: request.id },
        bob.token,
      );
      expect(loser.data.priceRequest).toEqual({
        awardedBid: null,
        bestBid: { unitPrice: { amount: '16.40' } },
      });
    });

    it('lets a request expire when its best bid is above the maximum, or when nobody bid', async () => {
      expect(await closed(tooDear.id)).toBe('EXPIRED');
      expect(await closed(unwanted.id)).toBe('EXPIRED');
      expect(await ordersOf(tooDear.id)).toEqual([]);
      expect(await noticesOf(tooDear.id)).toEqual([
        { recipient_id: dbId(buyer.id), kind: 'PRICE_REQUEST_EXPIRED' },
      ]);
      const late = await placeBid(server.gql, bob, tooDear.id, '4.00');
      expect(late.payload.userErrors).toEqual([
        { field: ['input', 'requestId'], code: 'NOT_OPEN', message: 'This price request is expired.' },
      ]);
    });
  });

  it('moves the deadline on a late bid, so that a bid after the original deadline still counts', async () => {
    const request = await createRequest(server.gql, buyer, { deadline: inSeconds(1.5) });
    const original = Date.parse(request.deadline);
    const first = await placeBid(server.gql, alice, request.id, '10.00');
    const firstAt = Date.parse(first.payload.bid.createdAt);
    expect(Date.parse(first.payload.priceRequest.deadline)).toBe(firstAt + EXTENSION * 1000);

    // Past the original deadline, and inside the window before the moved one.
    const moved = firstAt + EXTENSION * 1000;
    await eventually(
      async () => Date.now() > Math.max(original, moved - WINDOW * 1000) + 300,
      5000,
      'window',
    );
    const second = await placeBid(server.gql, bob, request.id, '9.50');
    expect(second.payload.userErrors).toEqual([]);
    const secondAt = Date.parse(second.payload.bid.createdAt);
    expect(secondAt).toBeGreaterThan(original);
    expect(Date.parse(second.payload.priceRequest.deadline)).toBe(secondAt + EXTENSION * 1000);

    expect(await closed(request.id)).toBe('AWARDED');
    const [award] = await rows(
      server.databaseUrl,
      'SELECT closed_at, deadline, awarded_bid_id FROM price_requests WHERE id = $1',
      [dbId(request.id)],
    );
    expect(award.awarded_bid_id).toBe(dbId(second.payload.bid.id));
    expect(award.closed_at.getTime()).toBeGreaterThanOrEqual(award.deadline.getTime());
  });

  it('requires bids to beat the best by the configured minimum decrement', async () => {
    const request = await createRequest(server.gql, buyer);
    await placeBid(server.gql, alice, request.id, '10.00');
    expect((await placeBid(server.gql, bob, request.id, '9.51')).payload.userErrors).toEqual([
      {
        field: ['input', 'unitPrice'],
        code: 'BID_TOO_HIGH',
        message: 'The best bid is 10.00 EUR; bid at most 9.50 EUR.',
      },
    ]);
    expect((await placeBid(server.gql, bob, request.id, '9.50')).payload.userErrors).toEqual([]);
  });

  it('leaves the deadline alone for a bid outside the extension window', async () => {
    const request = await createRequest(server.gql, buyer, { deadline: inSeconds(60) });
    const { payload } = await placeBid(server.gql, alice, request.id, '10.00');
    expect(payload.priceRequest.deadline).toBe(request.deadline);
  });

  it('lets the buyer accept any bid before the deadline, even one above the maximum', async () => {
    const request = await createRequest(server.gql, buyer, {
      quantity: 3,
      maxUnitPrice: { amount: '10.00', currencyCode: 'EUR' },
    });
    const dear = await placeBid(server.gql, alice, request.id, '12.00');
    await placeBid(server.gql, bob, request.id, '11.00');
    const res = await server.gql(ACCEPT_BID, { input: { bidId: dear.payload.bid.id } }, buyer.token);
    expect(res.data.acceptBid).toEqual({
      priceRequest: {
        id: request.id,
        status: 'AWARDED',
        awardedBid: { id: dear.payload.bid.id, unitPrice: { amount: '12.00' } },
      },
      userErrors: [],
    });
    expect(await ordersOf(request.id)).toEqual([
      expect.objectContaining({ merchant_id: alicesShop.dbId, quantity: 3, unit_price_minor: 1200 }),
    ]);
    // Bob beat Alice's bid and lost all the same: the buyer may accept any bid.
    expect(await noticesOf(request.id)).toEqual([
      { recipient_id: bob.dbId, kind: 'BID_LOST' },
      { recipient_id: dbId(alice.id), kind: 'BID_OUTBID' },
      { recipient_id: dbId(alice.id), kind: 'BID_WON' },
    ]);

    const again = await server.gql(ACCEPT_BID, { input: { bidId: dear.payload.bid.id } }, buyer.token);
    expect(again.data.acceptBid.userErrors).toEqual([
      { field: ['input', 'bidId'], code: 'NOT_OPEN', message: 'This price request is awarded.' },
    ]);
    expect(await ordersOf(request.id)).toHaveLength(1);
  });

  it('refuses an accept after the deadline, even before the job ran, and of a bid that does not exist', async () => {
    const request = await createRequest(server.gql, buyer);
    const bid = await placeBid(server.gql, alice, request.id, '12.00');
    await rows(
      server.databaseUrl,
      `UPDATE price_requests SET deadline = now() - interval '1 second' WHERE id = $1`,
      [dbId(request.id)],
    );
    const late = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, buyer.token);
    expect(late.data.acceptBid.userErrors).toEqual([
      {
        field: ['input', 'bidId'],
        code: 'DEADLINE_PASSED',
        message: 'The deadline of this price request has passed.',
      },
    ]);
    const missing = await server.gql(
      ACCEPT_BID,
      { input: { bidId: toGlobalId('Bid', '00000000-0000-4000-8000-000000000000') } },
      buyer.token,
    );
    expect(missing.data.acceptBid.userErrors).toEqual([
      { field: ['input', 'bidId'], code: 'NOT_FOUND', message: 'There is no bid with this ID.' },
    ]);
  });

  it('refuses an accept by a merchant, even the bidder, or by a stranger, with FORBIDDEN', async () => {
    const request = await createRequest(server.gql, buyer);
    const bid = await placeBid(server.gql, alice, request.id, '12.00');
    const stranger = await createUser(server);
    for (const who of [alice, bob, stranger]) {
      const res = await server.gql(ACCEPT_BID, { input: { bidId: bid.payload.bid.id } }, who.token);
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await statusOf(request.id)).toBe('OPEN');
    expect(await ordersOf(request.id)).toEqual([]);
  });
});
