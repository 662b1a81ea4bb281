import { toGlobalId } from '../../src/core/relay/global-id';
import { type TestUser, createUser, createShop, type TestShop } from '../helpers/factories';
import { createRequest, placeBid, CANCEL_REQUEST } from '../helpers/bidding-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { dbId, rows } from '../helpers/database';

describe('placing bids', () => {
  let server: TestServer;
  let buyer: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let bobsShop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    buyer = await createUser(server);
    alice = await createUser(server);
    bob = await createUser(server);
    await createShop(server, { staff: [alice] });
    bobsShop = await createShop(server, { staff: [bob] });
  });
  afterAll(() => server.close());

  it('stores a first bid at any price and makes it the best', async () => {
    const request = await createRequest(server.gql, buyer, {
      maxUnitPrice: { amount: '10.00', currencyCode: 'EUR' },
    });
    const { payload } = await placeBid(server.gql, alice, request.id, '12.50', { note: 'Frisch vom Hof' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.bid).toEqual({
      id: expect.any(String),
      unitPrice: { amount: '12.50', currencyCode: 'EUR' },
      createdAt: expect.any(String),
      note: 'Frisch vom Hof',
      byViewer: true,
    });
    expect(payload.priceRequest).toEqual({
      id: request.id,
      status: 'OPEN',
      deadline: request.deadline,
      bestBid: { id: payload.bid.id, unitPrice: { amount: '12.50' } },
    });
  });

  it('requires every bid, an own improvement included, to beat the best by the minimum decrement', async () => {
    const request = await createRequest(server.gql, buyer);
    expect((await placeBid(server.gql, alice, request.id, '10.00')).payload.userErrors).toEqual([]);
    const tie = await placeBid(server.gql, bob, request.id, '10.00');
    expect(tie.payload).toEqual({
      bid: null,
      priceRequest: null,
      userErrors: [
        {
          field: ['input', 'unitPrice'],
          code: 'BID_TOO_HIGH',
          message: 'The best bid is 10.00 EUR; bid at most 9.99 EUR.',
        },
      ],
    });
    expect((await placeBid(server.gql, bob, request.id, '9.99')).payload.userErrors).toEqual([]);
    const ownTie = await placeBid(server.gql, bob, request.id, '9.99');
    expect(ownTie.payload.userErrors).toEqual([
      expect.objectContaining({ code: 'BID_TOO_HIGH', field: ['input', 'unitPrice'] }),
    ]);
    expect((await placeBid(server.gql, bob, request.id, '9.98')).payload.userErrors).toEqual([]);
    const stored = await rows(
      server.databaseUrl,
      'SELECT unit_price_minor FROM bids WHERE request_id = $1 ORDER BY created_at',
      [dbId(request.id)],
    );
    expect(stored.map((r) => r.unit_price_minor)).toEqual([1000, 999, 998]);
  });

  it('never lets a merchant raise its bid', async () => {
    const request = await createRequest(server.gql, buyer);
    await placeBid(server.gql, alice, request.id, '8.00');
    const raised = await placeBid(server.gql, alice, request.id, '8.50');
    expect(raised.payload.userErrors).toEqual([
      {
        field: ['input', 'unitPrice'],
        code: 'BID_TOO_HIGH',
        message: 'Your merchant already bid 8.00 EUR; a bid can only go down.',
      },
    ]);
  });

  it('refuses a price of zero or below, or in another currency, as userErrors naming the field', async () => {
    const request = await createRequest(server.gql, buyer);
    const zero = await placeBid(server.gql, alice, request.id, '0.00');
    expect(zero.payload.userErrors).toEqual([
      {
        field: ['input', 'unitPrice', 'amount'],
        code: 'OUT_OF_RANGE',
        message: 'The amount must be more than zero.',
      },
    ]);
    const negative = await placeBid(server.gql, alice, request.id, '-3.00');
    expect(negative.payload.userErrors).toEqual([
      {
        field: ['input', 'unitPrice', 'amount'],
        code: 'OUT_OF_RANGE',
        message: 'The amount must be more than zero.',
      },
    ]);
    const garbled = await placeBid(server.gql, alice, request.id, '3,50');
    expect(garbled.payload.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'unitPrice', 'amount'], code: 'INVALID' }),
    ]);
    const francs = await placeBid(server.gql, alice, request.id, '3.50', { currencyCode: 'CHF' });
    expect(francs.payload.userErrors).toEqual([
      {
        field: ['input', 'unitPrice', 'currencyCode'],
        code: 'INVALID',
        message: 'This price request is in EUR.',
      },
    ]);
    const tooLong = await placeBid(server.gql, alice, request.id, '3.50', { note: 'x'.repeat(1001) });
    expect(tooLong.payload.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'note'], code: 'TOO_LONG' }),
    ]);
    expect(
      await rows(server.databaseUrl, 'SELECT id FROM bids WHERE request_id = $1', [dbId(request.id)]),
    ).toEqual([]);
  });

  it('refuses bids on a cancelled request with NOT_OPEN and after the deadline with DEADLINE_PASSED', async () => {
    const cancelled = await createRequest(server.gql, buyer);
    await server.gql(CANCEL_REQUEST, { input: { requestId: cancelled.id } }, buyer.token);
    expect((await placeBid(server.gql, alice, cancelled.id, '5.00')).payload.userErrors).toEqual([
      { field: ['input', 'requestId'], code: 'NOT_OPEN', message: 'This price request is cancelled.' },
    ]);

    const due = await createRequest(server.gql, buyer, {
      deadline: new Date(Date.now() + 60_000).toISOString(),
    });
    // The deadline passes before its job runs; bids are refused all the same.
    await rows(
      server.databaseUrl,
      `UPDATE price_requests SET deadline = now() - interval '1 second' WHERE id = $1`,
      [dbId(due.id)],
    );
    expect((await placeBid(server.gql, alice, due.id, '5.00')).payload.userErrors).toEqual([
      {
        field: ['input', 'requestId'],
        code: 'DEADLINE_PASSED',
        message: 'The deadline of this price request has passed.',
      },
    ]);
  });

  it('answers NOT_FOUND for an ID naming no request and BAD_USER_INPUT for a malformed one', async () => {
    const nowhere = toGlobalId('PriceRequest', '00000000-0000-4000-8000-000000000000');
    expect((await placeBid(server.gql, alice, nowhere, '5.00')).payload.userErrors).toEqual([
      {
        field: ['input', 'requestId'],
        code: 'NOT_FOUND',
        message: 'There is no price request with this ID.',
      },
    ]);
    const aUser = await placeBid(server.gql, alice, buyer.id, '5.00');
    expect(aUser.payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const malformed = await placeBid(server.gql, alice, 'not an id', '5.00');
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('permissions', () => {
    it('refuses anonymous bidders with UNAUTHENTICATED', async () => {
      const request = await createRequest(server.gql, buyer);
      const res = await server.gql(
        `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { userErrors { code } } }`,
        { input: { requestId: request.id, unitPrice: { amount: '5.00', currencyCode: 'EUR' } } },
      );
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a bid from someone who works for no merchant (a buyer) with FORBIDDEN', async () => {
      const request = await createRequest(server.gql, buyer);
      const other = await createUser(server);
      for (const who of [buyer, other]) {
        const { errors, payload } = await placeBid(server.gql, who, request.id, '5.00');
        expect(payload).toBeNull();
        expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('refuses a bid by the buyer’s own merchant on the buyer’s request', async () => {
      const seller = await createUser(server);
      await createShop(server, { staff: [seller] });
      const own = await createRequest(server.gql, seller);
      const { errors } = await placeBid(server.gql, seller, own.id, '5.00');
      expect(errors?.[0]).toEqual(
        expect.objectContaining({
          message: 'You cannot bid on your own price request.',
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      );
    });

    it('lets staff of several merchants bid only when they name one they work for', async () => {
      const both = await createUser(server);
      await createShop(server, { staff: [both] });
      const second = await createShop(server, { staff: [both] });
      const request = await createRequest(server.gql, buyer);
      expect((await placeBid(server.gql, both, request.id, '7.00')).payload.userErrors).toEqual([
        {
          field: ['input', 'merchantId'],
          code: 'INVALID',
          message: 'You work for several merchants: say which one bids.',
        },
      ]);
      const named = await placeBid(server.gql, both, request.id, '7.00', { merchantId: second.id });
      expect(named.payload.userErrors).toEqual([]);
      const other = await placeBid(server.gql, both, request.id, '6.00', { merchantId: bobsShop.id });
      expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const missing = await placeBid(server.gql, both, request.id, '6.00', {
        merchantId: toGlobalId('Merchant', '00000000-0000-4000-8000-000000000000'),
      });
      expect(missing.payload.userErrors).toEqual([
        { field: ['input', 'merchantId'], code: 'NOT_FOUND', message: 'There is no merchant with this ID.' },
      ]);
      const stored = await rows(server.databaseUrl, 'SELECT merchant_id FROM bids WHERE request_id = $1', [
        dbId(request.id),
      ]);
      expect(stored).toEqual([{ merchant_id: second.dbId }]);
    });
  });
});
