import { Client } from 'pg';
import { JobQueue } from '../../src/core/jobs/job-queue';
import { createLogger } from '../../src/core/logger';
import { CALL_QUEUE } from '../../src/auctions/call-clearing.service';
import { CREATE_CALL_AUCTION, PLACE_LIMIT_BID, eur, stockOf } from '../helpers/auctions-factories';
import { createTestDatabase, dbId, rows } from '../helpers/database';
import { createShop, createUsers, type TestUser, type TestShop } from '../helpers/factories';
import { inSeconds, key } from '../helpers/pools-factories';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { graphqlClient } from '../helpers/server';

jest.setTimeout(150_000);

/**
 * The call comes from the job queue in separate server processes (`npm run build` first). Nothing here calls it
 * itself: the tests create auctions, bid, queue duplicate jobs, kill processes and wait.
 */
describe('call auctions across server processes', () => {
  let databaseUrl: string;
  let seller: TestUser;
  let bidders: TestUser[];
  let shop: TestShop;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    [seller, ...bidders] = await createUsers({ databaseUrl }, 21, 'inst');
    shop = await createShop({ databaseUrl }, { staff: [seller], stock: 1000 });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  });

  async function start(): Promise<ServerProcess> {
    const server = await spawnServer(databaseUrl);
    running.push(server);
    return server;
  }

  /** An auction of 30 units from 4.00 called in `seconds`, with 20 bids of 2 units at 4.00–5.90 via `servers`. */
  async function auctionWithBids(servers: ServerProcess[], seconds: number) {
    const gql = graphqlClient(servers[0].url);
    const created = await gql(
      CREATE_CALL_AUCTION,
      {
        input: {
          productId: shop.product,
          supply: [{ quantity: 30, minUnitPrice: eur('4.00') }],
          callAt: inSeconds(seconds),
        },
      },
      seller.token,
    );
    expect(created.data.createCallAuction.userErrors).toEqual([]);
    const auction = created.data.createCallAuction.callAuction;
    await Promise.all(
      bidders.map(async (bidder, i) => {
        const res = await graphqlClient(servers[i % servers.length].url)(
          PLACE_LIMIT_BID,
          {
            input: {
              auctionId: auction.id,
              quantity: 2,
              maxUnitPrice: eur((4 + i / 10).toFixed(2)),
              idempotencyKey: key(),
            },
          },
          bidder.token,
        );
        expect(res.data.placeLimitBid.userErrors).toEqual([]);
      }),
    );
    return { id: auction.id as string, local: dbId(auction.id), callAt: new Date(auction.callAt) };
  }

  async function waitForCall(local: string, timeoutMs: number) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const [row] = await rows(databaseUrl, 'SELECT status FROM call_auctions WHERE id = $1', [local]);
      if (row.status !== 'OPEN') return row.status;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('not called in time');
  }

  /** The call's outcome as stored: 15 bids filled at the price where 30 units match, once. */
  async function expectCalledOnce(local: string) {
    const orders = await rows<{ buyer_id: string; quantity: number; unit_price_minor: number }>(
      databaseUrl,
      `SELECT buyer_id, quantity, unit_price_minor FROM orders WHERE source = 'CALL_AUCTION' AND source_id = $1`,
      [local],
    );
    // 30 units, 20 bids of 2: the 15 highest (4.50–5.90) fill; every price from 4.00 to 4.50 matches 30, and the
    // imbalance is smallest (0) at 4.50.
    expect(orders).toHaveLength(15);
    expect(new Set(orders.map((o) => o.buyer_id)).size).toBe(15);
    expect(orders.every((o) => o.quantity === 2 && o.unit_price_minor === 450)).toBe(true);
    const bids = await rows<{ status: string; n: number }>(
      databaseUrl,
      `SELECT status, count(*)::int AS n FROM limit_bids WHERE auction_id = $1 GROUP BY status ORDER BY status`,
      [local],
    );
    expect(bids).toEqual([
      { status: 'FILLED', n: 15 },
      { status: 'UNFILLED', n: 5 },
    ]);
  }

  it('calls once with two instances working the queue and the job delivered three times', async () => {
    const before = await stockOf(databaseUrl, shop.productId);
    const servers = [await start(), await start()];
    const auction = await auctionWithBids(servers, 10);
    const queue = new JobQueue({ databaseUrl, logger: createLogger('silent') });
    await queue.start();
    for (let i = 0; i < 2; i++)
      await queue.schedule(CALL_QUEUE, { auctionId: auction.local }, auction.callAt);
    await queue.stop();
    expect(await waitForCall(auction.local, 20_000)).toBe('CLEARED');
    // Let the duplicate jobs run too.
    await new Promise((r) => setTimeout(r, 2000));
    await expectCalledOnce(auction.local);
    expect(await stockOf(databaseUrl, shop.productId)).toBe(before - 30);
  });

  it('calls once after the instance calling it is killed in the middle of the call', async () => {
    const before = await stockOf(databaseUrl, shop.productId);
    const first = await start();
    const auction = await auctionWithBids([first], 12);
    // Hold the product's row, so that the call stops at writing the orders (their foreign key shares the row), after
    // the bids' fills and the auction's status, inside its transaction.
    const blocker = new Client({ connectionString: databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [shop.productId]);
    const end = Date.now() + 20_000;
    for (;;) {
      const waiting = await rows(
        databaseUrl,
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO orders%'`,
      );
      if (waiting.length) break;
      if (Date.now() > end) throw new Error('the call never reached the orders');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Mid-call: bids filled and the auction marked CLEARED, uncommitted.
    await first.stop('SIGKILL');
    running.splice(running.indexOf(first), 1);
    await blocker.query('ROLLBACK');
    await blocker.end();
    const [open] = await rows(databaseUrl, 'SELECT status FROM call_auctions WHERE id = $1', [auction.local]);
    expect(open.status).toBe('OPEN');
    expect(await rows(databaseUrl, 'SELECT 1 FROM orders WHERE source_id = $1', [auction.local])).toEqual([]);

    await start();
    expect(await waitForCall(auction.local, 100_000)).toBe('CLEARED');
    await expectCalledOnce(auction.local);
    expect(await stockOf(databaseUrl, shop.productId)).toBe(before - 30);
  });
});
