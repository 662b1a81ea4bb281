import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { User } from '../users/user.entity';
import { Review } from './review.entity';

/**
 * At most this many reviews of one product (the newest) enter its trusted rating and the MOST_TRUSTED order;
 * beyond that the oldest reviews only count in the product's plain average.
 */
export const REVIEW_INDEX_LIMIT = 2000;

/** A light row of every review of a product, with what its author's bias needs. */
export interface ReviewIndexRow {
  id: string;
  authorId: string | null;
  rating: number;
  helpfulCount: number;
  createdAt: Date;
  authorReviewCount: number;
  authorResidualSum: number;
}

export interface RatingAggregate {
  count: number;
  sum: number;
  histogram: number[];
}

/**
 * Reviews `r` read together with their authors `a` in one statement: each review carries its author (`author`),
 * so that `Review.author` costs no statement of its own.
 */
export class ReviewsWithAuthors {
  private readonly reviews: EntityRows<Review>;
  private readonly authors: EntityRows<User>;
  /** Add `WHERE …` (on `r`) and the rest. */
  readonly from: string;
  /**
   * The same with every column prefixed (`r.` for the review, `ra.` for its author), read by `readPrefixed`, and
   * `position` (an expression numbering the rows in their order) as `r.position`.
   */
  fromPrefixed(position: string): string {
    return `SELECT ${this.reviews.select('r', 'r.')}, ${this.authors.select('a', 'ra.')}, ${position} AS "r.position"
      FROM reviews r LEFT JOIN users a ON a.id = r.author_id`;
  }

  constructor(db: Database) {
    this.reviews = new EntityRows(db.dataSource, Review);
    this.authors = new EntityRows(db.dataSource, User);
    this.from = `SELECT ${this.reviews.select('r')}, ${this.authors.select('a', 'a.')}
      FROM reviews r LEFT JOIN users a ON a.id = r.author_id`;
  }

  read(rows: Array<Record<string, unknown>>, prefix = '', authorPrefix = 'a.'): Review[] {
    return rows.map((row) => {
      const review = this.reviews.from(row, prefix);
      review.author =
        review.authorId && row[`${authorPrefix}id`] ? this.authors.from(row, authorPrefix) : null;
      return review;
    });
  }

  readPrefixed(rows: Array<Record<string, unknown>>): Review[] {
    return this.read(rows, 'r.', 'ra.');
  }
}

/** Reviews and what hangs on them, batched per operation. */
@Injectable()
export class ReviewLoaders {
  readonly withAuthors = new ReviewsWithAuthors(this.db);
  private readonly byIds = `${this.withAuthors.from} WHERE r.id = ANY($1::uuid[])`;

  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  /**
   * Keeps a page of a product's reviews read along with the product (see ReviewListingService.productJoin) for
   * this operation: the `reviews` field then answers from it. `key` names the product, order and page size.
   */
  keepPage(ctx: Context, key: string, reviews: Review[]): void {
    this.of(ctx).pagesReadAlong.set(key, reviews);
  }

  private create(ctx: Context) {
    return {
      /** Pages of reviews read along with their product, by product, order and page size. */
      pagesReadAlong: new Map<string, Review[]>(),

      reviewById: new DataLoader<string, Review | null>(async (ids) => {
        const reviews = this.withAuthors.read(await this.db.prepared(this.byIds, [ids]));
        const byId = new Map(reviews.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),

      productIndex: new DataLoader<string, ReviewIndexRow[]>(async (productIds) => {
        const rows = await this.db.query<ReviewIndexRow & { productId: string }>(
          `SELECT r.product_id AS "productId", r.id, r.author_id AS "authorId", r.rating,
                  r.helpful_count AS "helpfulCount", r.created_at AS "createdAt",
                  coalesce(s.review_count, 0) AS "authorReviewCount",
                  coalesce(s.residual_sum, 0) AS "authorResidualSum"
             FROM unnest($1::uuid[]) AS p(id)
             CROSS JOIN LATERAL (
               SELECT * FROM reviews WHERE product_id = p.id ORDER BY created_at DESC, id DESC LIMIT $2
             ) r
             LEFT JOIN reviewer_stats s ON s.user_id = r.author_id`,
          [productIds, REVIEW_INDEX_LIMIT],
        );
        const byProduct = new Map<string, ReviewIndexRow[]>(productIds.map((id) => [id, []]));
        for (const row of rows) byProduct.get(row.productId)!.push(row);
        return productIds.map((id) => byProduct.get(id)!);
      }),

      /** Whether each author has a placed order of the product; keys are `authorId:productId`. */
      verifiedPurchase: new DataLoader<string, boolean>(async (keys) => {
        const pairs = keys.map((k) => k.split(':'));
        const rows = await this.db.query<{ key: string }>(
          `SELECT DISTINCT o.buyer_id || ':' || o.product_id AS key
             FROM orders o JOIN unnest($1::uuid[], $2::uuid[]) AS k(buyer_id, product_id)
               ON o.buyer_id = k.buyer_id AND o.product_id = k.product_id
            WHERE o.status = 'PLACED'`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
        const found = new Set(rows.map((r) => r.key));
        return keys.map((k) => found.has(k));
      }),

      viewerMarkedHelpful: new DataLoader<string, boolean>(async (reviewIds) => {
        if (!ctx.viewer) return reviewIds.map(() => false);
        const rows = await this.db.query<{ review_id: string }>(
          'SELECT review_id FROM review_helpful_votes WHERE user_id = $1 AND review_id = ANY($2::uuid[])',
          [ctx.viewer.id, reviewIds],
        );
        const marked = new Set(rows.map((r) => r.review_id));
        return reviewIds.map((id) => marked.has(id));
      }),

      merchantRating: new DataLoader<string, RatingAggregate>(async (merchantIds) => {
        const rows = await this.db.query<{
          merchant_id: string;
          count: string;
          sum: string;
          histogram: string[];
        }>(
          `SELECT merchant_id, sum(rating_count) AS count, sum(rating_sum) AS sum,
                  ARRAY[sum(rating_histogram[1]), sum(rating_histogram[2]), sum(rating_histogram[3]),
                        sum(rating_histogram[4]), sum(rating_histogram[5])] AS histogram
             FROM products WHERE merchant_id = ANY($1::uuid[]) GROUP BY merchant_id`,
          [merchantIds],
        );
        const found = new Map(
          rows.map((r) => [
            r.merchant_id,
            { count: Number(r.count), sum: Number(r.sum), histogram: r.histogram.map(Number) },
          ]),
        );
        return merchantIds.map((id) => found.get(id) ?? { count: 0, sum: 0, histogram: [0, 0, 0, 0, 0] });
      }),
    };
  }
}
