import DataLoader from 'dataloader';
import { type Context, loadersOf } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { User } from '../users/user.entity';
import { UserService } from '../users/user.service';
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

/** The global mean's sums and the viewer's own bias sums. */
export interface BaselineSums {
  reviewCount: number;
  ratingSum: number;
  viewerReviewCount: number;
  viewerResidualSum: number;
}

/** The baseline's sums as one row: the global totals and those of the viewer (`$1`). */
export const BASELINE = `SELECT t.review_count AS "reviewCount", t.rating_sum AS "ratingSum",
       coalesce(s.review_count, 0) AS "viewerReviewCount", coalesce(s.residual_sum, 0) AS "viewerResidualSum"
  FROM rating_totals t LEFT JOIN reviewer_stats s ON s.user_id = $1 WHERE t.id = 1`;

/** As PostgreSQL returns them (the totals are bigint, so strings). */
export type BaselineRow = { [K in keyof BaselineSums]: number | string | null };

function baselineSums(row: BaselineRow | undefined): BaselineSums {
  return {
    reviewCount: Number(row?.reviewCount ?? 0),
    ratingSum: Number(row?.ratingSum ?? 0),
    viewerReviewCount: Number(row?.viewerReviewCount ?? 0),
    viewerResidualSum: Number(row?.viewerResidualSum ?? 0),
  };
}

export interface RatingAggregate {
  count: number;
  sum: number;
  histogram: number[];
}

/**
 * Reviews `r` read together with their authors `a` in one statement; the authors go to the operation's users
 * loader, so that `Review.author` costs no statement of its own.
 */
export class ReviewsWithAuthors {
  private readonly reviews: EntityRows<Review>;
  private readonly authors: EntityRows<User>;
  /** Add `WHERE …` (on `r`) and the rest. */
  readonly from: string;

  constructor(
    db: Database,
    private readonly users: UserService,
  ) {
    this.reviews = new EntityRows(db.dataSource, Review);
    this.authors = new EntityRows(db.dataSource, User);
    this.from = `SELECT ${this.reviews.select('r')}, ${this.authors.select('a', 'a.')}
      FROM reviews r LEFT JOIN users a ON a.id = r.author_id`;
  }

  read(ctx: Context, rows: Array<Record<string, unknown>>): Review[] {
    const authors = this.users.loaders(ctx).byId;
    return rows.map((row) => {
      const review = this.reviews.from(row);
      if (review.authorId && row['a.id']) authors.prime(review.authorId, this.authors.from(row, 'a.'));
      return review;
    });
  }
}

/** Reviews and what hangs on them, batched per operation. */
export function createReviewLoaders(db: Database, withAuthors: ReviewsWithAuthors) {
  const byIds = `${withAuthors.from} WHERE r.id = ANY($1::uuid[])`;
  return (ctx: Context) => {
    let baseline: Promise<BaselineSums> | undefined;
    return {
      reviewById: new DataLoader<string, Review | null>(async (ids) => {
        const reviews = withAuthors.read(ctx, await db.prepared(byIds, [ids]));
        const byId = new Map(reviews.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),

      productIndex: new DataLoader<string, ReviewIndexRow[]>(async (productIds) => {
        const rows = await db.query<ReviewIndexRow & { productId: string }>(
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
        const rows = await db.query<{ key: string }>(
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
        const rows = await db.query<{ review_id: string }>(
          'SELECT review_id FROM review_helpful_votes WHERE user_id = $1 AND review_id = ANY($2::uuid[])',
          [ctx.viewer.id, reviewIds],
        );
        const marked = new Set(rows.map((r) => r.review_id));
        return reviewIds.map((id) => marked.has(id));
      }),

      merchantRating: new DataLoader<string, RatingAggregate>(async (merchantIds) => {
        const rows = await db.query<{ merchant_id: string; count: string; sum: string; histogram: string[] }>(
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

      /** Read once per operation, whoever asks first. */
      baseline(): Promise<BaselineSums> {
        baseline ??= db
          .prepared<BaselineRow>(BASELINE, [ctx.viewer?.id ?? null])
          .then(([row]) => baselineSums(row));
        return baseline;
      },

      /** The sums as another statement read them along (see BASELINE); then they cost no statement of their own. */
      primeBaseline(row: BaselineRow): void {
        baseline ??= Promise.resolve(baselineSums(row));
      },
    };
  };
}

/** The reviews slice's loaders of one operation. */
@Injectable()
export class ReviewLoaders {
  readonly withAuthors = new ReviewsWithAuthors(this.db, this.users);
  private readonly factory = createReviewLoaders(this.db, this.withAuthors);

  constructor(
    private readonly db: Database,
    private readonly users: UserService,
  ) {}

  of(ctx: Context) {
    return loadersOf(ctx, this.factory);
  }
}
