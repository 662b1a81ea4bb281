import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { Order } from './order.entity';
import { childPagesLoader } from '../core/relay/pages-by-parent';

interface OrderRow {
  id: string;
  buyerId: string;
  createdAt: Date;
}

/** Orders by id, and pages of each buyer's orders (newest first), batched per operation. */
@Injectable()
export class OrderLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      pagesByBuyer: childPagesLoader<OrderRow>(this.db, {
        select: 'o.id, o.buyer_id AS "buyerId", o.created_at AS "createdAt"',
        from: 'FROM orders o WHERE o.buyer_id = ANY($1::uuid[])',
        parentColumn: 'o.buyer_id',
        columns: ['o.created_at', 'o.id'],
        direction: 'DESC',
        parentOf: (row) => row.buyerId,
        key: (row) => [row.createdAt, row.id],
      }),
      byId: byIdLoader(this.db, Order),
      countByBuyer: new DataLoader<string, number>(async (buyerIds) => {
        const rows = await this.db.query<{ buyer_id: string; count: string }>(
          'SELECT buyer_id, count(*) FROM orders WHERE buyer_id = ANY($1::uuid[]) GROUP BY buyer_id',
          [buyerIds],
        );
        const counts = new Map(rows.map((r) => [r.buyer_id, Number(r.count)]));
        return buyerIds.map((id) => counts.get(id) ?? 0);
      }),
    }));
  }
}
