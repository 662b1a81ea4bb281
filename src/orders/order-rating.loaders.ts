import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { RATING_SHOWN_SQL } from './order-rating.rules';

/** Count, sum and histogram (index 0: 1 star) of the ratings that show. */
export interface RatingFigures {
  count: number;
  sum: number;
  histogram: number[];
}

const figures = (column: string, side: 'BUYER' | 'MERCHANT') => `
  SELECT r.${column} AS id, count(*)::int AS count, sum(r.rating)::int AS sum,
         array[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2),
               count(*) FILTER (WHERE r.rating = 3), count(*) FILTER (WHERE r.rating = 4),
               count(*) FILTER (WHERE r.rating = 5)]::int[] AS histogram
    FROM order_ratings r JOIN orders o ON o.id = r.order_id
   WHERE r.${column} = ANY($1::uuid[]) AND r.side = '${side}' AND ${RATING_SHOWN_SQL}
   GROUP BY r.${column}`;

/** The aggregates of trade ratings that show (double-blind), per shop and per buyer, batched per operation. */
@Injectable()
export class OrderRatingLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      ofMerchant: this.aggregate('merchant_id', 'BUYER'),
      ofBuyer: this.aggregate('buyer_id', 'MERCHANT'),
      /** Whether the viewer is staff of a shop holding an order from each buyer. */
      viewerServed: new DataLoader<string, boolean>(async (buyerIds) => {
        if (!ctx.viewer) return buyerIds.map(() => false);
        const rows = await this.db.query<{ buyer_id: string }>(
          `SELECT DISTINCT o.buyer_id FROM orders o JOIN merchant_staff s ON s.merchant_id = o.merchant_id
            WHERE s.user_id = $1 AND o.buyer_id = ANY($2::uuid[])`,
          [ctx.viewer.id, buyerIds],
        );
        const served = new Set(rows.map((r) => r.buyer_id));
        return buyerIds.map((id) => served.has(id));
      }),
    }));
  }

  private aggregate(column: string, side: 'BUYER' | 'MERCHANT') {
    const sql = figures(column, side);
    return new DataLoader<string, RatingFigures>(async (ids) => {
      const rows = await this.db.prepared<RatingFigures & { id: string }>(sql, [ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? { count: 0, sum: 0, histogram: [0, 0, 0, 0, 0] });
    });
  }
}
