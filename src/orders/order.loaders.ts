import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { Order } from './order.entity';
import { OrderEvent } from './order-event.entity';
import { OrderRating, RatingSide } from './order-rating.entity';
import { RATING_SHOWN_SQL } from './order-rating.rules';
import { childPagesLoader } from '../core/relay/pages-by-parent';

interface OrderRow {
  id: string;
  buyerId: string;
  createdAt: Date;
}

/** A rating and whether it shows yet (double-blind). */
export interface LoadedRating {
  rating: OrderRating;
  shown: boolean;
}

/**
 * Orders by id, pages of each buyer's orders (newest first), each order's history and ratings, batched per
 * operation.
 */
@Injectable()
export class OrderLoaders {
  private readonly eventRows = new EntityRows(this.db.dataSource, OrderEvent);
  private readonly ratingRows = new EntityRows(this.db.dataSource, OrderRating);
  private readonly historySql = `SELECT ${this.eventRows.select('e')} FROM order_events e
    WHERE e.order_id = ANY($1::uuid[]) ORDER BY e.at, e.id`;
  private readonly ratingsSql = `SELECT ${this.ratingRows.select('r')}, ${RATING_SHOWN_SQL} AS shown
    FROM order_ratings r JOIN orders o ON o.id = r.order_id WHERE r.order_id = ANY($1::uuid[])`;

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
      /** Every status each order took, oldest first. */
      historyByOrder: new DataLoader<string, OrderEvent[]>(async (orderIds) => {
        const rows = await this.db.prepared(this.historySql, [orderIds]);
        const byOrder = new Map<string, OrderEvent[]>(orderIds.map((id) => [id, []]));
        for (const row of rows) {
          const event = this.eventRows.from(row);
          byOrder.get(event.orderId)?.push(event);
        }
        return orderIds.map((id) => byOrder.get(id)!);
      }),
      /** Each order's ratings by side, with whether each shows yet. */
      ratingsByOrder: new DataLoader<string, Map<RatingSide, LoadedRating>>(async (orderIds) => {
        const rows = await this.db.prepared<Record<string, unknown> & { shown: boolean }>(this.ratingsSql, [
          orderIds,
        ]);
        const byOrder = new Map<string, Map<RatingSide, LoadedRating>>(orderIds.map((id) => [id, new Map()]));
        for (const row of rows) {
          const rating = this.ratingRows.from(row);
          byOrder.get(rating.orderId)?.set(rating.side, { rating, shown: row.shown });
        }
        return orderIds.map((id) => byOrder.get(id)!);
      }),
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
