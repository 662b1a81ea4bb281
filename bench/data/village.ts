import type { Client } from 'pg';
import { hashPassword } from '../../src/auth/password';
import type { VillageSize } from '../lib/options';

import { columnsOf, countRows, vacuumAfterLoad } from '../lib/database';
import { activity, bulkInsert, KIND, random, sampler, uuidOf } from './bulk';
import {
  BENCH_PASSWORD,
  CATEGORIES,
  COMMUNITY,
  emptied,
  merchantId,
  productId,
  productPrice,
  productTitle,
  REGIONS,
  type Step,
  type StepResult,
  TAGS,
  userId,
} from './village-common';
import { reviews } from './village-reviews';
import { pools } from './village-pools';

/** The ids and names every scenario uses to address the village. */
export { BENCH_PASSWORD, merchantId, productId, productPrice, productTitle, userId } from './village-common';

/**
 * Fills a migrated database with a large synthetic village, table by table. A table that already holds its
 * rows is left alone (fast re-runs); a partly filled one is emptied and written again. Tables of slices that
 * have not merged are skipped and say so.
 */
export async function ensureVillage(
  db: Client,
  size: VillageSize,
  log: (l: string) => void,
): Promise<StepResult[]> {
  const steps: Array<[string, number, Step]> = [
    ['users', size.users, users],
    ['trust_edges', size.trustEdges, trustEdges],
    ['merchants', size.merchants, merchants],
    ['products', size.products, products],
    ['reviews', size.reviews, reviews],
    ['orders', size.orders, orders],
    ['pools', size.pools, pools],
  ];
  const results: StepResult[] = [];
  for (const [table, target, step] of steps) {
    const started = Date.now();
    const columns = await columnsOf(db, table);
    if (columns && (await countRows(db, table)) >= target) {
      results.push({ table, rows: await countRows(db, table), seconds: 0, note: 'kept from an earlier run' });
      continue;
    }
    log(`generating ${table}`);
    const r = await step(db, size);
    await vacuumAfterLoad(db);
    results.push({ ...r, seconds: (Date.now() - started) / 1000 });
  }
  return results;
}

const users: Step = async (db, size) => {
  await emptied(db, 'users');
  const hash = await hashPassword(BENCH_PASSWORD);
  const rows = function* () {
    for (let i = 0; i < size.users; i++) yield i;
  };
  const n = await bulkInsert(
    db,
    'users',
    [
      { name: 'id', type: 'uuid', value: userId },
      { name: 'email', type: 'text', value: (i) => `v${i}@bench.dorfmarkt.example` },
      { name: 'password_hash', type: 'text', value: () => hash },
      { name: 'handle', type: 'text', value: (i) => `v${i}` },
      { name: 'display_name', type: 'text', value: (i) => `Villager ${i}` },
      { name: 'region', type: 'text', value: (i) => REGIONS[Math.floor(i / COMMUNITY) % REGIONS.length] },
    ],
    rows(),
    size.users,
  );
  return { table: 'users', rows: n, note: `handles v0…v${size.users - 1}, one shared password` };
};

const trustEdges: Step = async (db, size) => {
  await emptied(db, 'trust_edges');
  const rand = random(7);
  const pickTruster = sampler(activity(size.users, rand), rand);
  const popular = sampler(activity(size.users, rand), rand);
  const levels = sampler(Float64Array.from([0.05, 0.15, 0.3, 0.3, 0.2]), rand);
  const seen = new Set<number>();
  const rows = function* () {
    while (seen.size < size.trustEdges) {
      const from = pickTruster();
      const community = Math.floor(from / COMMUNITY);
      const r = rand();
      let to: number;
      if (r < 0.7) to = community * COMMUNITY + Math.floor(rand() * COMMUNITY);
      else if (r < 0.9)
        to = (community + 1 + Math.floor(rand() * 3)) * COMMUNITY + Math.floor(rand() * COMMUNITY);
      else to = popular();
      if (to >= size.users || to === from || seen.has(from * size.users + to)) continue;
      seen.add(from * size.users + to);
      yield { from, to, level: levels() + 1 };
    }
  };
  const n = await bulkInsert(
    db,
    'trust_edges',
    [
      { name: 'truster_id', type: 'uuid', value: (e) => userId(e.from) },
      { name: 'trustee_id', type: 'uuid', value: (e) => userId(e.to) },
      { name: 'level', type: 'int2', value: (e) => e.level },
    ],
    rows(),
    size.trustEdges,
  );
  return {
    table: 'trust_edges',
    rows: n,
    note: `70 % inside a neighbourhood of ${COMMUNITY}, 20 % to the next ones, 10 % to popular users; levels 1–5`,
  };
};

const merchants: Step = async (db, size) => {
  await emptied(db, 'merchants');
  const rows = function* () {
    for (let i = 0; i < size.merchants; i++) yield i;
  };
  const n = await bulkInsert(
    db,
    'merchants',
    [
      { name: 'id', type: 'uuid', value: merchantId },
      { name: 'name', type: 'text', value: (i) => `Hofladen ${i}` },
      {
        name: 'description',
        type: 'text',
        value: (i) => `Farm shop number ${i}, selling what the valley makes.`,
      },
      { name: 'region', type: 'text', value: (i) => REGIONS[i % REGIONS.length] },
    ],
    rows(),
    size.merchants,
  );
  await bulkInsert(
    db,
    'merchant_staff',
    [
      { name: 'merchant_id', type: 'uuid', value: merchantId },
      { name: 'user_id', type: 'uuid', value: userId },
      { name: 'role', type: 'text', value: () => 'OWNER' },
    ],
    rows(),
    size.merchants,
  );
  return { table: 'merchants', rows: n, note: 'each owned by the user of the same number' };
};

const products: Step = async (db, size) => {
  await emptied(db, 'products');
  const rows = function* () {
    for (let i = 0; i < size.products; i++) yield i;
  };
  const n = await bulkInsert(
    db,
    'products',
    [
      { name: 'id', type: 'uuid', value: productId },
      { name: 'merchant_id', type: 'uuid', value: (i) => merchantId(i % size.merchants) },
      { name: 'title', type: 'text', value: productTitle },
      {
        name: 'description',
        type: 'text',
        value: (i) => `Good ${CATEGORIES[i % CATEGORIES.length]} from the valley.`,
      },
      { name: 'category', type: 'text', value: (i) => CATEGORIES[i % CATEGORIES.length] },
      {
        name: 'tags',
        type: 'text',
        cast: 'text[]',
        value: (i) => `{${TAGS[i % TAGS.length]},${TAGS[(i * 3) % TAGS.length]}}`,
      },
      { name: 'price_minor', type: 'int4', value: productPrice },
      { name: 'stock', type: 'int4', value: () => 1_000_000 },
    ],
    rows(),
    size.products,
  );
  return { table: 'products', rows: n, note: `${CATEGORIES.length} categories, stock 1,000,000 each` };
};

const orders: Step = async (db, size) => {
  await emptied(db, 'orders');
  const rand = random(13);
  const rows = function* () {
    for (let i = 0; i < size.orders; i++) {
      const p = Math.floor(rand() * size.products);
      yield { i, p, buyer: Math.floor(rand() * size.users), quantity: 1 + Math.floor(rand() * 3) };
    }
  };
  const n = await bulkInsert(
    db,
    'orders',
    [
      { name: 'id', type: 'uuid', value: (o) => uuidOf(KIND.order, o.i) },
      { name: 'buyer_id', type: 'uuid', value: (o) => userId(o.buyer) },
      { name: 'merchant_id', type: 'uuid', value: (o) => merchantId(o.p % size.merchants) },
      { name: 'product_id', type: 'uuid', value: (o) => productId(o.p) },
      { name: 'title', type: 'text', value: (o) => productTitle(o.p) },
      { name: 'quantity', type: 'int4', value: (o) => o.quantity },
      { name: 'unit_price_minor', type: 'int4', value: (o) => productPrice(o.p) },
      { name: 'currency', type: 'text', value: () => 'EUR' },
      { name: 'source', type: 'order_source', value: () => 'DIRECT' },
    ],
    rows(),
    size.orders,
  );
  return { table: 'orders', rows: n, note: 'direct purchases, random buyers and products' };
};
