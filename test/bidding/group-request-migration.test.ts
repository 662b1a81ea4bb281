import type { QueryRunner } from 'typeorm';
import { GroupPriceRequests1764001580000 } from '../../migrations/1764001580000-GroupPriceRequests';
import { createTestDatabase, sql } from '../helpers/database';
import { createShop, createUsers, type TestUser } from '../helpers/factories';

/**
 * Data made under the first group-request rule (the pool was cancelled for the request, its members became the
 * request's buyers) moves to the new rule when the migration runs.
 */
describe('migrating group price requests made under the old rule', () => {
  it('gives requests their pool’s product, orders participants, and brings back the pools it can', async () => {
    const databaseUrl = await createTestDatabase();
    const db = await sql(databaseUrl);
    const runner = { query: (text: string) => db.query(text) } as unknown as QueryRunner;
    const migration = new GroupPriceRequests1764001580000();
    try {
      await migration.down(runner);
      const [creator, member] = await createUsers({ databaseUrl }, 2, 'old');
      const roomy = await createShop({ databaseUrl }, { staff: [creator], stock: 30 });
      const soldOn = await createShop({ databaseUrl }, { staff: [creator], stock: 5 });
      const ahead = await oldRequest(db, roomy.productId, roomy.dbId, [creator, member], '1 hour');
      const passed = await oldRequest(db, roomy.productId, roomy.dbId, [creator, member], '-1 hour');
      const noStock = await oldRequest(db, soldOn.productId, soldOn.dbId, [creator, member], '1 hour');

      await migration.up(runner);

      const requests = await db.query(
        'SELECT id, product_id FROM price_requests WHERE id = ANY($1::uuid[]) ORDER BY product_id, id',
        [[ahead.requestId, passed.requestId, noStock.requestId]],
      );
      expect(requests.rows).toEqual(
        expect.arrayContaining([
          { id: ahead.requestId, product_id: roomy.productId },
          { id: passed.requestId, product_id: roomy.productId },
          { id: noStock.requestId, product_id: soldOn.productId },
        ]),
      );
      const order = await db.query(
        `SELECT buyer_id FROM price_request_participants WHERE request_id = $1 ORDER BY joined_at, buyer_id`,
        [ahead.requestId],
      );
      expect(order.rows.map((r) => r.buyer_id)).toEqual([creator.dbId, member.dbId]);
      const pools = await db.query(
        `SELECT id, status, closed_at IS NULL AS open FROM pools WHERE id = ANY($1::uuid[])`,
        [[ahead.poolId, passed.poolId, noStock.poolId]],
      );
      const byId = Object.fromEntries(pools.rows.map((p) => [p.id, { status: p.status, open: p.open }]));
      expect(byId).toEqual({
        [ahead.poolId]: { status: 'TIPPED', open: true },
        [passed.poolId]: { status: 'CANCELLED', open: false },
        [noStock.poolId]: { status: 'CANCELLED', open: false },
      });
      const stock = await db.query('SELECT id, stock FROM products WHERE id = ANY($1::uuid[])', [
        [roomy.productId, soldOn.productId],
      ]);
      expect(Object.fromEntries(stock.rows.map((r) => [r.id, r.stock]))).toEqual({
        [roomy.productId]: 20,
        [soldOn.productId]: 5,
      });
    } finally {
      await db.close();
    }
  });
});

/** A pool of capacity 10 (tipping at 2) cancelled for a request by its two members, as the old rule left them. */
async function oldRequest(
  db: Awaited<ReturnType<typeof sql>>,
  productId: string,
  merchantId: string,
  [creator, member]: TestUser[],
  deadlineFromNow: string,
): Promise<{ poolId: string; requestId: string }> {
  const {
    rows: [pool],
  } = await db.query<{ id: string }>(
    `INSERT INTO pools (product_id, merchant_id, tiers, tipping_point, capacity, committed, member_count,
                        list_price_minor, currency, status, deadline, closed_at)
     VALUES ($1, $2, '[{"minQuantity": 2, "unitPriceMinor": 900}]', 2, 10, 3, 2, 1000, 'EUR', 'CANCELLED',
             now() + $3::interval, now()) RETURNING id`,
    [productId, merchantId, deadlineFromNow],
  );
  await db.query(
    `INSERT INTO pool_memberships (pool_id, user_id, quantity) VALUES ($1, $2, 1), ($1, $3, 2)`,
    [pool.id, creator.dbId, member.dbId],
  );
  const {
    rows: [request],
  } = await db.query<{ id: string }>(
    `INSERT INTO price_requests (buyer_id, pool_id, title, description, category, region, quantity, deadline)
     VALUES ($1, $2, 'Alt', '', 'Käse', 'Allgäu', 3, now() + interval '1 day') RETURNING id`,
    [creator.dbId, pool.id],
  );
  await db.query(
    `INSERT INTO price_request_participants (request_id, buyer_id, quantity) VALUES ($1, $2, 1), ($1, $3, 2)`,
    [request.id, creator.dbId, member.dbId],
  );
  return { poolId: pool.id, requestId: request.id };
}
