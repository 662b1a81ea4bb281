import { createLogger } from '../../src/core/logger';
import { DEMO_CALL_AFTER_MS } from '../../src/seed/auctions.seed';
import { seedIfEmpty } from '../../src/seed/seed';
import { DUTCH_AUCTION } from '../helpers/auctions-factories';
import { dbId, rows } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { toGlobalId } from '../../src/core/relay/global-id';

describe('demo auctions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('seeds a call auction that crosses and is called within minutes, and a falling Dutch auction', async () => {
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    const loadedAt = Date.now();
    const res = await server.gql(
      `{ callAuctions(status: [OPEN]) { nodes { id callAt bidCount indicativeQuantity indicativePrice { amount } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [auction] = res.data.callAuctions.nodes;
    expect(res.data.callAuctions.nodes).toHaveLength(1);
    expect(auction.bidCount).toBe(5);
    expect(auction.indicativeQuantity).toBeGreaterThan(0);
    expect(auction.indicativePrice).not.toBeNull();
    const callAt = new Date(auction.callAt).getTime();
    expect(callAt).toBeGreaterThan(loadedAt);
    expect(callAt - loadedAt).toBeLessThanOrEqual(DEMO_CALL_AFTER_MS);
    expect(DEMO_CALL_AFTER_MS).toBeLessThanOrEqual(5 * 60 * 1000);
    // The call is on the queue for its time.
    const jobs = await rows(
      server.databaseUrl,
      `SELECT start_after FROM pgboss.job WHERE name = 'call_auction_call' AND data->>'auctionId' = $1`,
      [dbId(auction.id)],
    );
    expect(jobs.map((j) => new Date(j.start_after).getTime())).toEqual([callAt]);

    const [dutch] = await rows<{ id: string }>(server.databaseUrl, 'SELECT id FROM dutch_auctions');
    const seen = await server.gql(DUTCH_AUCTION, { id: toGlobalId('DutchAuction', dutch.id) });
    expect(seen.data.dutchAuction).toMatchObject({ status: 'RUNNING', intervalSeconds: 60 });
    expect(seen.data.dutchAuction.nextDropAt).not.toBeNull();
    expect(Number(seen.data.dutchAuction.floorPrice.amount)).toBeLessThan(
      Number(seen.data.dutchAuction.startPrice.amount),
    );
  });
});
