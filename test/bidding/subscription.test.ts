import { toGlobalId } from '../../src/core/relay/global-id';
import { type TestUser, createUser, createShop } from '../helpers/factories';
import { ACCEPT_BID, createRequest, placeBid } from '../helpers/bidding-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

const UPDATED = /* GraphQL */ `
  subscription ($requestId: ID!) {
    priceRequestUpdated(requestId: $requestId) {
      id
      status
      bestBid {
        unitPrice {
          amount
        }
        byViewer
        note
      }
      bids(first: 10) {
        totalCount
        nodes {
          unitPrice {
            amount
          }
        }
      }
      awardedBid {
        unitPrice {
          amount
        }
      }
    }
  }
`;

describe('priceRequestUpdated', () => {
  let server: TestServer;
  let buyer: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  const sockets: Array<{ close: () => Promise<void> }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    [buyer, alice, bob, stranger] = await Promise.all([1, 2, 3, 4].map(() => createUser(server)));
    await createShop(server, { staff: [alice] });
    await createShop(server, { staff: [bob] });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await server.close();
  });

  const subscribe = (token: string | null, requestId: string) => {
    const socket = connectSocket(server.url, token);
    sockets.push(socket);
    return socket.subscribe(UPDATED, { requestId });
  };

  it('sends each subscriber the request now, every new best bid and the award, as that viewer may see them', async () => {
    const request = await createRequest(server.gql, buyer);
    const asBuyer = subscribe(buyer.token, request.id);
    const asBob = subscribe(bob.token, request.id);
    const asStranger = subscribe(stranger.token, request.id);
    const opening = {
      id: request.id,
      status: 'OPEN',
      bestBid: null,
      bids: { totalCount: 0, nodes: [] },
      awardedBid: null,
    };
    for (const sub of [asBuyer, asBob, asStranger]) {
      expect(await sub.next(10_000)).toEqual({ data: { priceRequestUpdated: opening } });
    }

    // Each step waits until every subscriber has its message, so that no two changes are read as one.
    const saw: Record<'buyer' | 'bob' | 'stranger', any[]> = { buyer: [], bob: [], stranger: [] };
    const step = async (action: () => Promise<unknown>) => {
      await action();
      saw.buyer.push((await asBuyer.next(10_000)).data!.priceRequestUpdated);
      saw.bob.push((await asBob.next(10_000)).data!.priceRequestUpdated);
      saw.stranger.push((await asStranger.next(10_000)).data!.priceRequestUpdated);
    };
    await step(() => placeBid(server.gql, alice, request.id, '20.00', { note: 'Alpenhof' }));
    await step(() => placeBid(server.gql, bob, request.id, '19.00', { note: 'Bergmolkerei' }));
    let third: any;
    await step(
      async () => (third = await placeBid(server.gql, alice, request.id, '18.50', { note: 'Letztes Wort' })),
    );
    await step(() => server.gql(ACCEPT_BID, { input: { bidId: third.payload.bid.id } }, buyer.token));

    const prices = (...amounts: string[]) => amounts.map((amount) => ({ unitPrice: { amount } }));
    expect(saw.buyer).toEqual([
      {
        ...opening,
        bestBid: { unitPrice: { amount: '20.00' }, byViewer: false, note: 'Alpenhof' },
        bids: { totalCount: 1, nodes: prices('20.00') },
      },
      {
        ...opening,
        bestBid: { unitPrice: { amount: '19.00' }, byViewer: false, note: 'Bergmolkerei' },
        bids: { totalCount: 2, nodes: prices('19.00', '20.00') },
      },
      {
        ...opening,
        bestBid: { unitPrice: { amount: '18.50' }, byViewer: false, note: 'Letztes Wort' },
        bids: { totalCount: 3, nodes: prices('18.50', '19.00', '20.00') },
      },
      {
        ...opening,
        status: 'AWARDED',
        bestBid: { unitPrice: { amount: '18.50' }, byViewer: false, note: 'Letztes Wort' },
        bids: { totalCount: 3, nodes: prices('18.50', '19.00', '20.00') },
        awardedBid: { unitPrice: { amount: '18.50' } },
      },
    ]);
    expect(saw.bob.map((s) => [s.status, s.bestBid, s.bids.nodes, s.awardedBid])).toEqual([
      ['OPEN', { unitPrice: { amount: '20.00' }, byViewer: false, note: null }, [], null],
      [
        'OPEN',
        { unitPrice: { amount: '19.00' }, byViewer: true, note: 'Bergmolkerei' },
        prices('19.00'),
        null,
      ],
      ['OPEN', { unitPrice: { amount: '18.50' }, byViewer: false, note: null }, prices('19.00'), null],
      ['AWARDED', { unitPrice: { amount: '18.50' }, byViewer: false, note: null }, prices('19.00'), null],
    ]);
    expect(saw.stranger.map((s) => [s.status, s.bestBid, s.bids, s.awardedBid])).toEqual([
      ['OPEN', null, { totalCount: 0, nodes: [] }, null],
      ['OPEN', null, { totalCount: 0, nodes: [] }, null],
      ['OPEN', null, { totalCount: 0, nodes: [] }, null],
      ['AWARDED', null, { totalCount: 0, nodes: [] }, null],
    ]);
  });

  it('sends nothing for a refused bid', async () => {
    const request = await createRequest(server.gql, buyer);
    const sub = subscribe(buyer.token, request.id);
    await sub.next(10_000);
    await placeBid(server.gql, alice, request.id, '10.00');
    await placeBid(server.gql, bob, request.id, '10.00');
    await placeBid(server.gql, bob, request.id, '9.00');
    const prices = [];
    for (let i = 0; i < 2; i++)
      prices.push((await sub.next(10_000)).data!.priceRequestUpdated.bestBid.unitPrice.amount);
    expect(prices).toEqual(['10.00', '9.00']);
  });

  it('answers an unknown request with an error', async () => {
    const sub = subscribe(buyer.token, toGlobalId('PriceRequest', '00000000-0000-4000-8000-000000000000'));
    const message = await sub.next(10_000);
    expect(message.errors?.[0]).toEqual(
      expect.objectContaining({
        message: 'There is no price request with this ID.',
        extensions: { code: 'NOT_FOUND' },
      }),
    );
  });
});
