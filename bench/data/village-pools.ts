import { columnsOf } from '../lib/database';
import { bulkInsert, KIND, random, uuidOf } from './bulk';
import { emptied, merchantId, productId, productPrice, type Step, userId } from './village-common';

const POOL_COLUMNS = [
  'id',
  'product_id',
  'merchant_id',
  'created_by_id',
  'tiers',
  'tipping_point',
  'capacity',
];
const POOL_STATE_COLUMNS = [
  'committed',
  'member_count',
  'list_price_minor',
  'currency',
  'status',
  'deadline',
];

/**
 * Open pools with members, written as the pools slice stores them (tiers as JSON with minor units, the
 * committed quantity and member count kept on the pool row, the capacity taken from the product's stock). Their
 * deadline is a week ahead and no deadline job is scheduled for them: the bench never waits for one. The pool
 * scenarios (joinPool, fan-out) create their own pools through the API.
 */
export const pools: Step = async (db, size) => {
  const columns = await columnsOf(db, 'pools');
  const members = await columnsOf(db, 'pool_memberships');
  const usable =
    columns &&
    members &&
    [...POOL_COLUMNS, ...POOL_STATE_COLUMNS].every((c) => columns.has(c)) &&
    ['pool_id', 'user_id', 'quantity'].every((c) => members.has(c));
  if (!usable) {
    const note = columns ? `columns not as expected (${[...columns].join(', ')})` : 'no pools table yet';
    return { table: 'pools', rows: 0, note: `pending: ${note}` };
  }
  await emptied(db, 'pools');
  const rand = random(17);
  const perPool = Math.max(1, Math.round(size.poolMembers / size.pools));
  const memberships: Array<{ pool: number; user: number; quantity: number }> = [];
  const committed = new Int32Array(size.pools);
  for (let k = 0; k < size.pools; k++) {
    const taken = new Set<number>();
    while (taken.size < perPool) taken.add(Math.floor(rand() * size.users));
    for (const user of taken) {
      const quantity = 1 + Math.floor(rand() * 3);
      committed[k] += quantity;
      memberships.push({ pool: k, user, quantity });
    }
  }
  const capacity = 200;
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const product = (k: number) => k % size.products;
  const rows = function* () {
    for (let k = 0; k < size.pools; k++) yield k;
  };
  const n = await bulkInsert(
    db,
    'pools',
    [
      { name: 'id', type: 'uuid', value: (k) => uuidOf(KIND.pool, k) },
      { name: 'product_id', type: 'uuid', value: (k) => productId(product(k)) },
      { name: 'merchant_id', type: 'uuid', value: (k) => merchantId(product(k) % size.merchants) },
      { name: 'created_by_id', type: 'uuid', value: (k) => userId(product(k) % size.merchants) },
      {
        name: 'tiers',
        type: 'text',
        cast: 'jsonb',
        value: (k) =>
          JSON.stringify([
            { minQuantity: 10, unitPriceMinor: Math.floor(productPrice(product(k)) * 0.9) },
            { minQuantity: 100, unitPriceMinor: Math.floor(productPrice(product(k)) * 0.8) },
          ]),
      },
      { name: 'tipping_point', type: 'int4', value: () => 10 },
      { name: 'capacity', type: 'int4', value: () => capacity },
      { name: 'committed', type: 'int4', value: (k) => committed[k] },
      { name: 'member_count', type: 'int4', value: () => perPool },
      { name: 'list_price_minor', type: 'int4', value: (k) => productPrice(product(k)) },
      { name: 'currency', type: 'text', value: () => 'EUR' },
      {
        name: 'status',
        type: 'text',
        cast: 'pool_status',
        value: (k) => (committed[k] >= 10 ? 'TIPPED' : 'OPEN'),
      },
      { name: 'deadline', type: 'timestamptz', value: () => deadline },
    ],
    rows(),
    size.pools,
  );
  await bulkInsert(
    db,
    'pool_memberships',
    [
      { name: 'pool_id', type: 'uuid', value: (m) => uuidOf(KIND.pool, m.pool) },
      { name: 'user_id', type: 'uuid', value: (m) => userId(m.user) },
      { name: 'quantity', type: 'int4', value: (m) => m.quantity },
    ],
    memberships,
    memberships.length,
  );
  await db.query(
    `UPDATE products SET stock = stock - r.taken
       FROM (SELECT product_id, sum(capacity) AS taken FROM pools GROUP BY product_id) r WHERE products.id = r.product_id`,
  );
  return {
    table: 'pools',
    rows: n,
    note: `${perPool} members each (${memberships.length} memberships), capacity ${capacity}`,
  };
};
