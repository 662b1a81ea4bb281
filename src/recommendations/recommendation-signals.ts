import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import type { Signal } from './recommend';

export interface SignalQuery {
  ctx: Context;
  db: Database;
  viewer: { id: string; region: string | null };
}

/**
 * Where recommendations come from: each source reads one kind of signal for the viewer, with a statement or two,
 * whatever the number of products. Those of the viewer's own activity are here; those of the people the viewer
 * trusts (their reviews, the group buys they joined) in network-signals.ts.
 */
export type SignalSource = (query: SignalQuery) => Promise<Signal[]>;

/** "The usual": what the viewer ordered, how often. */
export const purchases: SignalSource = async ({ db, viewer }) => {
  const rows = await db.query<{ productId: string; times: number }>(
    `SELECT product_id AS "productId", count(*)::int AS times FROM orders
      WHERE buyer_id = $1 AND product_id IS NOT NULL AND status = 'PLACED' GROUP BY product_id`,
    [viewer.id],
  );
  return rows.map((r) => ({ kind: 'purchase', ...r }));
};

/** Products in stock at merchants of the viewer's region, newest first. */
export const localMerchants: SignalSource = async ({ db, viewer }) => {
  if (!viewer.region) return [];
  const rows = await db.query<{ productId: string; merchant: string; region: string }>(
    `SELECT p.id AS "productId", m.name AS merchant, m.region FROM products p JOIN merchants m ON m.id = p.merchant_id
      WHERE lower(m.region) = lower($1) AND p.stock > 0 ORDER BY p.created_at DESC LIMIT 100`,
    [viewer.region],
  );
  return rows.map((r) => ({ kind: 'localMerchant', ...r }));
};
