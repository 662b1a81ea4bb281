import { JobQueue } from '../../src/core/jobs/job-queue';
import { createLogger } from '../../src/core/logger';
import { decodeGlobalId } from '../../src/core/relay/global-id';
import { createTestDatabase, rows } from '../helpers/database';
import { graphqlClient } from '../helpers/server';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { CREATE_POOL, inSeconds, JOIN_POOL, key } from '../helpers/pools-factories';
import { createUsers, type TestUser, createShop } from '../helpers/factories';

jest.setTimeout(90_000);

/**
 * The close at the deadline comes from the job queue in separate server processes (`npm run build` first). Nothing
 * here calls the close itself: the tests only create pools, join, kill processes and wait.
 */
describe('pool deadlines across server processes', () => {
  let databaseUrl: string;
  let merchant: TestUser;
  let members: TestUser[];
  let productId: string;
  let product: string;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    [merchant, ...members] = await createUsers({ databaseUrl }, 7, 'close');
    ({ productId, product } = await createShop(
      { databaseUrl },
      {
        staff: [merchant],
        stock: 200,
        priceMinor: 1000,
      },
    ));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.stop('SIGKILL')));
  });

  async function start(): Promise<ServerProcess> {
    const server = await spawnServer(databaseUrl);
    running.push(server);
    return server;
  }

  const query = <T = any>(text: string, params: unknown[] = []) => rows<T>(databaseUrl, text, params);

  /** A pool with `joins[i]` units for members[i], deadline in `seconds`. */
  async function poolWith(server: ServerProcess, capacity: number, seconds: number, joins: number[]) {
    const gql = graphqlClient(server.url);
    const tiers = [
      { minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'EUR' } },
      { minQuantity: 10, unitPrice: { amount: '7.00', currencyCode: 'EUR' } },
    ];
    const created = await gql(
      CREATE_POOL,
      { input: { productId: product, tiers, capacity, deadline: inSeconds(seconds) } },
      merchant.token,
    );
    expect(created.data.createPool.userErrors).toEqual([]);
    const poolId: string = created.data.createPool.pool.id;
    for (const [i, quantity] of joins.entries()) {
      const res = await gql(
        JOIN_POOL,
        { input: { poolId, quantity, idempotencyKey: key() } },
        members[i].token,
      );
      expect(res.data.joinPool.userErrors).toEqual([]);
    }
    return { id: poolId, local: decodeGlobalId(poolId).id };
  }

  async function waitForStatus(localIds: string[], timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const open = await query(
        `SELECT id FROM pools WHERE id = ANY($1::uuid[]) AND status IN ('OPEN', 'TIPPED', 'SOLD_OUT')`,
        [localIds],
      );
      if (open.length === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('pools did not close in time');
  }

  const ordersOf = (poolId: string) =>
    query(
      `SELECT buyer_id AS "buyerId", quantity, unit_price_minor AS "unitPriceMinor", source, title FROM orders
        WHERE source_id = $1 ORDER BY quantity`,
      [poolId],
    );
  const notificationsOf = (poolGlobalId: string) =>
    query(
      `SELECT recipient_id AS "recipientId", kind FROM notifications
        WHERE data->>'poolId' = $1 AND kind <> 'POOL_TIPPED' ORDER BY recipient_id`,
      [poolGlobalId],
    );

  it('closes each pool once, with two instances working the queue, one killed before a deadline', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const tipped = await poolWith(a, 20, 3, [2, 3, 7]);
    const short = await poolWith(b, 10, 3, [1, 2]);
    // The queue delivers at least once: the same close queued three more times, for both instances to take.
    const queue = new JobQueue({ databaseUrl, logger: createLogger('silent') });
    await queue.start();
    for (let i = 0; i < 3; i++) await queue.schedule('pool_close', { poolId: tipped.local }, new Date());
    await queue.schedule('pool_close', { poolId: tipped.local }, new Date(Date.now() + 3500));
    await queue.stop();

    await waitForStatus([tipped.local, short.local]);
    const soldOut = await poolWith(a, 10, 2.5, [4, 6]);
    await a.stop('SIGKILL');
    await waitForStatus([soldOut.local]);

    expect(
      await query('SELECT status, final_unit_price_minor AS price FROM pools WHERE id = $1', [tipped.local]),
    ).toEqual([{ status: 'SUCCEEDED', price: 700 }]);
    expect(await ordersOf(tipped.local)).toEqual(
      [2, 3, 7].map((quantity, i) => ({
        buyerId: members[i].dbId,
        quantity,
        unitPriceMinor: 700,
        source: 'POOL',
        title: 'Bergkäse, 1 kg',
      })),
    );
    // Each member, and the shop once.
    expect(await notificationsOf(tipped.id)).toEqual(
      [...members.slice(0, 3), merchant]
        .map((m) => ({ recipientId: m.dbId, kind: 'POOL_SUCCEEDED' }))
        .sort((x, y) => x.recipientId.localeCompare(y.recipientId)),
    );
    expect(
      await query('SELECT status, final_unit_price_minor AS price FROM pools WHERE id = $1', [short.local]),
    ).toEqual([{ status: 'FAILED', price: null }]);
    expect(await ordersOf(short.local)).toEqual([]);
    expect(
      await query('SELECT status, final_unit_price_minor AS price FROM pools WHERE id = $1', [soldOut.local]),
    ).toEqual([{ status: 'SUCCEEDED', price: 700 }]);
    expect((await ordersOf(soldOut.local)).map((o) => [o.buyerId, o.quantity, o.unitPriceMinor])).toEqual([
      [members[0].dbId, 4, 700],
      [members[1].dbId, 6, 700],
    ]);
    // Stock: 200, less what the two succeeded pools sold (12 + 10); the failed pool's capacity came back whole.
    expect(await query('SELECT stock FROM products WHERE id = $1', [productId])).toEqual([{ stock: 178 }]);
  });

  it('closes a pool whose deadline passed while no instance was running, once one starts again', async () => {
    const first = await start();
    const pool = await poolWith(first, 10, 1.5, [5]);
    await first.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await query('SELECT status FROM pools WHERE id = $1', [pool.local])).toEqual([
      { status: 'TIPPED' },
    ]);
    await start();
    await waitForStatus([pool.local]);
    expect(await ordersOf(pool.local)).toEqual([
      { buyerId: members[0].dbId, quantity: 5, unitPriceMinor: 800, source: 'POOL', title: 'Bergkäse, 1 kg' },
    ]);
  });
});
