import { Injectable } from '../core/container';
import { Database } from '../core/db/database';

/** How one review's change moves a product's rating summary. */
export interface RatingDelta {
  count: number;
  sum: number;
  /** Per rating 1..5 (index 0 is 1 star): how many more (or fewer) reviews give it. */
  histogram: number[];
}

/**
 * A product's rating summary (`rating_count`, `rating_sum`, `rating_histogram`): columns of the catalog's
 * `products`, changed only here. The reviews slice keeps them in step with its reviews, in each review's
 * transaction: it locks the products first (always in id order, so that concurrent reviews never deadlock),
 * then applies every review's change.
 */
@Injectable()
export class ProductRatingService {
  constructor(private readonly db: Database) {}

  /** Locks the products for the rest of the caller's transaction; answers the ids of those that exist. */
  async lock(productIds: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [productIds],
    );
    return rows.map((r) => r.id);
  }

  /** Applies one review's change; answers the product's count and sum after it. */
  async apply(productId: string, delta: RatingDelta): Promise<{ count: number; sum: number }> {
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM.
    const [[product]] = (await this.db.query(
      `UPDATE products SET rating_count = rating_count + $2, rating_sum = rating_sum + $3,
              rating_histogram = ARRAY[rating_histogram[1] + $4, rating_histogram[2] + $5,
                rating_histogram[3] + $6, rating_histogram[4] + $7, rating_histogram[5] + $8]::int[]
        WHERE id = $1 RETURNING rating_count, rating_sum`,
      [productId, delta.count, delta.sum, ...delta.histogram],
    )) as unknown as [Array<{ rating_count: number; rating_sum: number }>, number];
    return { count: product.rating_count, sum: product.rating_sum };
  }
}
