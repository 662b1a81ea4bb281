import { randomUUID } from 'node:crypto';
import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import { PoolMembershipService } from '../pools/pool-membership.service';
import { PoolService } from '../pools/pool.service';
import type { Village } from './users.seed';

const DAY = 24 * 3600 * 1000;

/**
 * Two pools on the catalog's first product with enough stock: one that has tipped and one still short of its
 * tipping point.
 */
export async function seedPools(container: Container, village: Village): Promise<void> {
  const { productId, staffId, priceMinor } = await productToPool(container);
  if (priceMinor < 100) return;
  const price = (share: number) => ({
    amount: (Math.floor(priceMinor * share) / 100).toFixed(2),
    currencyCode: 'EUR',
  });
  const pools = container.get(PoolService);
  const members = container.get(PoolMembershipService);
  const asStaff = createContext(container, { id: staffId }, 'seed', 'seed');

  const tipped = await pools.create(asStaff, staffId, {
    productId,
    tiers: [
      { minQuantity: 8, unitPrice: price(0.9) },
      { minQuantity: 20, unitPrice: price(0.8) },
      { minQuantity: 40, unitPrice: price(0.7) },
    ],
    capacity: 60,
    deadline: new Date(Date.now() + 7 * DAY),
  });
  const short = await pools.create(asStaff, staffId, {
    productId,
    tiers: [{ minQuantity: 12, unitPrice: price(0.85) }],
    capacity: 24,
    deadline: new Date(Date.now() + 3 * DAY),
  });
  const joins: Array<[string, string, number]> = [
    ['franz', tipped.id, 6],
    ['anna', tipped.id, 2],
    ['clara', tipped.id, 3],
    ['ines', tipped.id, 4],
    ['greta', short.id, 2],
  ];
  for (const [handle, poolId, quantity] of joins) {
    const user = village.users[handle];
    const ctx = createContext(container, { id: user.id }, 'seed', 'seed');
    await members.join(ctx, user.id, { poolId, quantity, idempotencyKey: randomUUID() });
  }
}

async function productToPool(container: Container) {
  const db = container.get(Database);
  const [found] = await db.query<{ productId: string; staffId: string; priceMinor: number }>(
    `SELECT p.id AS "productId", s.user_id AS "staffId", p.price_minor AS "priceMinor"
       FROM products p JOIN merchant_staff s ON s.merchant_id = p.merchant_id
      WHERE p.stock >= 100 AND p.currency = 'EUR' ORDER BY p.created_at, p.id LIMIT 1`,
  );
  if (!found) throw new Error('the pools seed needs a catalog product with a stock of at least 100');
  return found;
}
