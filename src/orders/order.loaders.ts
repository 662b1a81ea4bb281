import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import { Order } from './order.entity';
import { childPagesLoader } from '../core/relay/pages-by-parent';

interface OrderRow {
  id: string;
  buyerId: string;
  createdAt: Date;
}

/** Orders by id, and pages of each buyer's orders (newest first), batched per operation. */
export function createOrderLoaders(db: Database) {
  return (_ctx: Context) => ({
    byId: new DataLoader<string, Order | null>(async (ids) => {
      const orders = await db.repo(Order).findBy({ id: In([...ids]) });
      const byId = new Map(orders.map((o) => [o.id, o]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    countByBuyer: new DataLoader<string, number>(async (buyerIds) => {
      const rows = await db.query<{ buyer_id: string; count: string }>(
        'SELECT buyer_id, count(*) FROM orders WHERE buyer_id = ANY($1::uuid[]) GROUP BY buyer_id',
        [buyerIds],
      );
      const counts = new Map(rows.map((r) => [r.buyer_id, Number(r.count)]));
      return buyerIds.map((id) => counts.get(id) ?? 0);
    }),
    pagesByBuyer: childPagesLoader<OrderRow>(db, {
      select: 'o.id, o.buyer_id AS "buyerId", o.created_at AS "createdAt"',
      from: 'FROM orders o WHERE o.buyer_id = ANY($1::uuid[])',
      parentColumn: 'o.buyer_id',
      columns: ['o.created_at', 'o.id'],
      direction: 'DESC',
      parentOf: (row) => row.buyerId,
      key: (row) => [row.createdAt, row.id],
    }),
  });
}
