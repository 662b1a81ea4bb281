import { connect, vacuumAfterLoad } from '../lib/database';
import { compareTargets } from '../lib/compare';
import { dorfmarktSpec, graphql, missingFields, tokenFor } from '../lib/dorfmarkt';
import { startServer } from '../lib/processes';
import { comparisonTable } from '../lib/render';
import { type Bench, ms, pending, section, type Section } from '../lib/section';
import { toGlobalId } from '../../src/core/relay/global-id';

export const SHOP_ORDERS = `query ShopOrders($id: ID!) {
  merchant(id: $id) {
    orders(first: 50, status: [PLACED, CONFIRMED, READY]) {
      totalCount
      nodes { id status quantity createdAt buyer { handle displayName } }
    }
  }
}`;

const ORDERS = 100_000;
const BUYERS = 2_000;
const TARGET_P95_MS = 20;
const FIELDS = ['Merchant.orders', 'Order.buyer'];

/**
 * A busy shop: 100,000 orders from 2,000 buyers, most of them completed, one in twenty still open. Its staff list
 * the newest 50 open orders with their buyers, as a shop's order screen does.
 */
export async function shopOrdersScenario(bench: Bench): Promise<Section> {
  const title = 'A shop with 100,000 orders lists its newest 50 open orders';
  const missing = await missingFields(FIELDS);
  if (missing.length)
    return pending(bench, 'shop-orders', title, missing, ['newest 50 open orders with buyers: p95 < 20 ms']);
  const url = await bench.database('dorfmarkt_bench_shop');
  const { merchantId, staffId } = await load(url, bench.log);
  const token = tokenFor(staffId);
  const id = toGlobalId('Merchant', merchantId);
  const server = await startServer(dorfmarktSpec(bench.root, url, { limits: true }));
  let result;
  try {
    const check = await graphql(server.url, SHOP_ORDERS, { id }, token);
    const nodes = check.data?.merchant?.orders?.nodes;
    if (check.errors || nodes?.length !== 50 || !nodes[0].buyer)
      throw new Error(`shop orders answered ${JSON.stringify(check).slice(0, 400)}`);
    const body = JSON.stringify({ query: SHOP_ORDERS, variables: { id } });
    result = await compareTargets(
      [
        {
          name: 'Dorfmarkt shop orders',
          url: `${server.url}/graphql`,
          requests: [{ body, headers: { authorization: `Bearer ${token}` } }],
          errorMarkers: ['"errors"'],
        },
      ],
      { ...bench.options, rounds: Math.max(1, Math.ceil(bench.options.rounds / 2)) },
      bench.log,
    );
  } finally {
    await server.stop();
  }
  const points = result.targets['Dorfmarkt shop orders'];
  const p95 = points[0].p95;
  return section(bench, 'shop-orders', title, {
    body: [
      `${ORDERS.toLocaleString('en')} orders of one shop from ${BUYERS.toLocaleString('en')} buyers, 5 % open; ` +
        'the staff list the newest 50 open ones with their buyers (the partial index of open orders, newest first).',
      '',
      comparisonTable(result),
      '',
      '```graphql',
      SHOP_ORDERS,
      '```',
    ].join('\n'),
    targets: [
      {
        target: `newest 50 open orders with buyers: p95 < ${TARGET_P95_MS} ms`,
        figure: `c=1: p50 ${ms(points[0].p50)}, p95 ${ms(p95)}, p99 ${ms(points[0].p99)}`,
        status: p95 < TARGET_P95_MS ? 'met' : 'missed',
      },
    ],
  });
}

/** The shop, its buyers and its orders, written once per database (a second run finds them). */
async function load(
  url: string,
  log: (line: string) => void,
): Promise<{ merchantId: string; staffId: string }> {
  const client = await connect(url);
  try {
    const existing = await client.query<{ merchantId: string; staffId: string }>(
      `SELECT m.id AS "merchantId", s.user_id AS "staffId" FROM merchants m
         JOIN merchant_staff s ON s.merchant_id = m.id WHERE m.name = 'Großmarkt Bench'`,
    );
    if (existing.rows[0]) return existing.rows[0];
    log(`  loading ${ORDERS} orders`);
    await client.query('BEGIN');
    const {
      rows: [staff],
    } = await client.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, handle, display_name)
       VALUES ('bench-shop@example.com', 'x', 'bench_shop', 'Bench Shop') RETURNING id`,
    );
    await client.query(
      `INSERT INTO users (email, password_hash, handle, display_name)
       SELECT 'bench-buyer-' || i || '@example.com', 'x', 'bench_buyer_' || i, 'Buyer ' || i
         FROM generate_series(1, $1) AS i`,
      [BUYERS],
    );
    const {
      rows: [merchant],
    } = await client.query<{ id: string }>(
      `INSERT INTO merchants (name, region) VALUES ('Großmarkt Bench', 'Allgäu') RETURNING id`,
    );
    await client.query(`INSERT INTO merchant_staff (merchant_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [
      merchant.id,
      staff.id,
    ]);
    const {
      rows: [product],
    } = await client.query<{ id: string }>(
      `INSERT INTO products (merchant_id, title, category, price_minor, stock)
       VALUES ($1, 'Bergkäse, 1 kg', 'cheese', 1250, 1000000) RETURNING id`,
      [merchant.id],
    );
    // Spread over a year; every twentieth order still open, the rest completed or cancelled.
    await client.query(
      `WITH buyers AS (SELECT array_agg(id ORDER BY handle) AS ids FROM users WHERE handle LIKE 'bench_buyer_%')
       INSERT INTO orders (buyer_id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source,
                           status, created_at)
       SELECT buyers.ids[1 + (i % $4)], $1, $2, 'Bergkäse, 1 kg', 1 + i % 3, 1250, 'EUR', 'DIRECT',
              (CASE WHEN i % 20 = 0 THEN (ARRAY['PLACED', 'CONFIRMED', 'READY'])[1 + (i / 20) % 3]
                    WHEN i % 37 = 0 THEN 'CANCELLED' ELSE 'COMPLETED' END)::order_status,
              now() - (i * interval '5 minutes')
         FROM buyers, generate_series(1, $3) AS i`,
      [merchant.id, product.id, ORDERS, BUYERS],
    );
    await client.query('COMMIT');
    await vacuumAfterLoad(client);
    return { merchantId: merchant.id, staffId: staff.id };
  } finally {
    await client.end();
  }
}
