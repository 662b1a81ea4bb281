import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ProductRatingService } from '../catalog/product-rating.service';
import { itemBias } from './trusted-rating';

/** A review appearing (from null), changing its rating, or disappearing (to null). */
export interface RatingChange {
  productId: string;
  authorId: string | null;
  from: number | null;
  to: number | null;
  /** The residual the review carried so far (0 for a new review). */
  oldResidual: number;
}

/**
 * Keeps the sums behind the rating summary and the rating baseline in step with the reviews: the product's
 * count, sum and histogram (the catalog's columns, through ProductRatingService), the global totals, and the
 * author's count and residual sum. Runs inside the review's transaction after the product row is locked
 * (`lockProducts`), and always in the order product → totals → author, so that concurrent reviews never deadlock.
 */
@Injectable()
export class RatingAggregateService {
  constructor(
    private readonly db: Database,
    private readonly products: ProductRatingService,
  ) {}

  /** Locks the reviewed products for the review's transaction, in id order; answers those that exist. */
  lockProducts(productIds: readonly string[]): Promise<string[]> {
    return this.products.lock(productIds);
  }

  /** Applies the change and returns the review's new residual (rating − mu − b_i), to store on the review. */
  async apply(change: RatingChange): Promise<number> {
    const { productId, authorId, from, to, oldResidual } = change;
    const countDelta = (to === null ? 0 : 1) - (from === null ? 0 : 1);
    const sumDelta = (to ?? 0) - (from ?? 0);
    const histogram = [1, 2, 3, 4, 5].map((r) => (r === to ? 1 : 0) - (r === from ? 1 : 0));
    const product = await this.products.apply(productId, { count: countDelta, sum: sumDelta, histogram });
    const [[totals]] = (await this.db.query(
      `UPDATE rating_totals SET review_count = review_count + $1, rating_sum = rating_sum + $2
        WHERE id = 1 RETURNING review_count, rating_sum`,
      [countDelta, sumDelta],
    )) as unknown as [Array<{ review_count: string; rating_sum: string }>, number];
    const count = Number(totals.review_count);
    const mu = count ? Number(totals.rating_sum) / count : 0;
    const residual = to === null ? 0 : to - mu - itemBias(mu, product.count, product.sum);
    if (authorId) {
      await this.db.query(
        `INSERT INTO reviewer_stats (user_id, review_count, residual_sum) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET review_count = reviewer_stats.review_count + excluded.review_count,
                                             residual_sum = reviewer_stats.residual_sum + excluded.residual_sum`,
        [authorId, countDelta, residual - oldResidual],
      );
    }
    return residual;
  }
}
