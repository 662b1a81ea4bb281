import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { RINGS_CHECK, RINGS_CHECK_CTES, TrustRingsService } from '../trust/trust-rings.service';
import { TrustScoreService } from '../trust/trust-score.service';
import { REVIEW_INDEX_LIMIT, type ReviewIndexRow, ReviewLoaders } from './review.loaders';

/** A review of the index with the viewer's trust in its author. */
export interface TrustedIndexRow extends ReviewIndexRow {
  trust: number | null;
}

/** What a trusted rating needs of one review by someone the viewer trusts. */
export interface TrustedReviewRow {
  authorId: string;
  rating: number;
  trust: number;
  authorReviewCount: number;
  authorResidualSum: number;
}

/** The reviews of one product's index whose authors the viewer trusts, and how many reviews the index holds. */
export interface TrustedReviews {
  indexed: number;
  rows: TrustedReviewRow[];
}

/** The global mean's sums and the viewer's own bias sums. */
export interface BaselineSums {
  reviewCount: number;
  ratingSum: number;
  viewerReviewCount: number;
  viewerResidualSum: number;
}

/** The baseline's sums as one row: the global totals and those of the viewer (`$1`). */
const BASELINE = `SELECT t.review_count AS "reviewCount", t.rating_sum AS "ratingSum",
       coalesce(s.review_count, 0) AS "viewerReviewCount", coalesce(s.residual_sum, 0) AS "viewerResidualSum"
  FROM rating_totals t LEFT JOIN reviewer_stats s ON s.user_id = $1 WHERE t.id = 1`;

/** As PostgreSQL returns them (the totals are bigint, so strings). */
type BaselineRow = { [K in keyof BaselineSums]: number | string | null };

/**
 * For each product (`$2`), the reviews of its index (the newest `$3`) by people the viewer (`$1`) trusts, with
 * the trust and the author's bias sums, in one statement. The viewer's rings 1 and 2 come from memory
 * (TrustRingsService: `$4`, `$5` those shown with their trust; `$6`, `$7` ring 2; `$8` who is near), so
 * PostgreSQL computes only ring 3 (`trust_beyond`), as trust_in would; and one row per product with the index's size and the
 * baseline's sums, which the personal rating needs too (`indexed` set, the review columns null).
 */
const TRUSTED_REVIEWS = `WITH ${RINGS_CHECK_CTES}, indexed AS (
  SELECT r.*
  FROM unnest($2::uuid[]) AS p(id)
  CROSS JOIN LATERAL (
    SELECT product_id, author_id, rating, (row_number() OVER (ORDER BY created_at DESC, id DESC))::int AS position
    FROM reviews WHERE product_id = p.id ORDER BY created_at DESC, id DESC LIMIT $3
  ) r
), baseline AS (${BASELINE}),
trust AS (
  SELECT n.id, n.t FROM unnest($4::uuid[], $5::float8[]) AS n(id, t)
  UNION ALL
  SELECT user_id, trust
  FROM trust_beyond($6::uuid[], $7::float8[], $8::uuid[],
                    ARRAY(SELECT DISTINCT author_id FROM indexed WHERE author_id IS NOT NULL))
)
SELECT c.product_id AS "productId", c.indexed, ${RINGS_CHECK} AS "check", NULL::int AS position, NULL::uuid AS "authorId",
       NULL::int AS rating, NULL::float8 AS trust, NULL::int AS "authorReviewCount",
       NULL::float8 AS "authorResidualSum", b.*
  FROM (SELECT product_id, count(*)::int AS indexed FROM indexed GROUP BY product_id) c CROSS JOIN baseline b
UNION ALL
SELECT i.product_id, NULL, NULL, i.position, i.author_id, i.rating, t.t, coalesce(s.review_count, 0),
       coalesce(s.residual_sum, 0), NULL, NULL, NULL, NULL
  FROM indexed i JOIN trust t ON t.id = i.author_id LEFT JOIN reviewer_stats s ON s.user_id = i.author_id`;

/**
 * What the viewer's trust network says about reviews, batched per operation. A product page asks PostgreSQL once
 * for the reviews by people the viewer trusts (`trustedReviews`: rings and reviews joined there, so only those rows
 * travel, the baseline's sums along with them); the MOST_TRUSTED order reads the light rows of every review of the
 * index and the trust in all their authors (`indexWithTrust`). Each answers from its own statements, whichever
 * field asks first.
 */
@Injectable()
export class ReviewTrustLoaders {
  constructor(
    private readonly db: Database,
    private readonly reviews: ReviewLoaders,
    private readonly trust: TrustScoreService,
    private readonly rings: TrustRingsService,
  ) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => {
      let baseline: Promise<BaselineSums> | undefined;
      return {
        indexWithTrust: new DataLoader<string, TrustedIndexRow[]>((productIds) =>
          this.indexWithTrust(ctx, productIds),
        ),
        trustedReviews: new DataLoader<string, TrustedReviews>(async (productIds) => {
          const { reviews, sums } = await this.trustedReviews(ctx, productIds);
          if (sums) baseline ??= Promise.resolve(sums);
          return reviews;
        }),
        /** Read once per operation, or along with the trusted reviews when those came first. */
        baseline: (): Promise<BaselineSums> => {
          baseline ??= this.db
            .prepared<BaselineRow>(BASELINE, [ctx.viewer?.id ?? null])
            .then(([row]) => baselineSums(row));
          return baseline;
        },
      };
    });
  }

  private async indexWithTrust(ctx: Context, productIds: readonly string[]): Promise<TrustedIndexRow[][]> {
    const indexes = (await this.reviews.of(ctx).productIndex.loadMany(productIds)).map((index) => {
      if (index instanceof Error) throw index;
      return index;
    });
    const authors = [...new Set(indexes.flat().flatMap((r) => (r.authorId ? [r.authorId] : [])))];
    const values = await this.trust.ofMany(ctx, authors);
    const trust = new Map(authors.map((id, i) => [id, values[i]]));
    return indexes.map((index) =>
      index.map((r) => ({ ...r, trust: r.authorId ? (trust.get(r.authorId) ?? null) : null })),
    );
  }

  /** In the index's order (newest first), as the MOST_TRUSTED path has them: the same sums, the same ties. */
  private async trustedReviews(
    ctx: Context,
    productIds: readonly string[],
    retried = false,
  ): Promise<{ reviews: TrustedReviews[]; sums: BaselineSums | null }> {
    const byProduct = new Map<string, TrustedReviews>(productIds.map((id) => [id, { indexed: 0, rows: [] }]));
    const viewerId = ctx.viewer!.id;
    const rings = await this.rings.of(viewerId);
    const rows = await this.db.prepared<
      TrustedReviewRow &
        BaselineRow & {
          productId: string;
          indexed: number | null;
          position: number | null;
          check: string | null;
        }
    >(TRUSTED_REVIEWS, [
      ctx.viewer!.id,
      productIds,
      REVIEW_INDEX_LIMIT,
      rings.shownIds,
      rings.shownTrust,
      rings.ring2Ids,
      rings.ring2Trust,
      rings.near,
    ]);
    // Blocks or ring 1 changed since the rings were kept (behind the API, or an event not yet here): read again.
    const check = rows.find((row) => row.check !== null)?.check ?? undefined;
    if (check !== undefined && !this.rings.stillValid(viewerId, rings, check) && !retried)
      return this.trustedReviews(ctx, productIds, true);
    rows.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    let sums: BaselineSums | null = null;
    for (const row of rows) {
      const set = byProduct.get(row.productId)!;
      if (row.indexed === null) set.rows.push(trustedRow(row));
      else {
        set.indexed = row.indexed;
        sums = baselineSums(row);
      }
    }
    return { reviews: productIds.map((id) => byProduct.get(id)!), sums };
  }
}

function trustedRow(row: TrustedReviewRow): TrustedReviewRow {
  const { authorId, rating, trust, authorReviewCount, authorResidualSum } = row;
  return { authorId, rating, trust, authorReviewCount, authorResidualSum };
}

function baselineSums(row: BaselineRow | undefined): BaselineSums {
  return {
    reviewCount: Number(row?.reviewCount ?? 0),
    ratingSum: Number(row?.ratingSum ?? 0),
    viewerReviewCount: Number(row?.viewerReviewCount ?? 0),
    viewerResidualSum: Number(row?.viewerResidualSum ?? 0),
  };
}
