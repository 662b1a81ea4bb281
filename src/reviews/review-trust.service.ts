import DataLoader from 'dataloader';
import { type Context, loadersOf } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import type { Product } from '../catalog/product.entity';
import { TrustScoreService, trustInCandidates } from '../trust/trust-score.service';
import {
  BASELINE,
  type BaselineRow,
  REVIEW_INDEX_LIMIT,
  type ReviewIndexRow,
  ReviewLoaders,
} from './review.loaders';
import { itemBias, type TrustedEstimate, trustedRating, userBias } from './trusted-rating';

/** A review of the index with the viewer's trust in its author. */
export interface TrustedIndexRow extends ReviewIndexRow {
  trust: number | null;
}

/** What a trusted rating needs of one review by someone the viewer trusts. */
interface TrustedReviewRow {
  authorId: string;
  rating: number;
  trust: number;
  authorReviewCount: number;
  authorResidualSum: number;
}

/** The reviews of one product's index whose authors the viewer trusts, and how many reviews the index holds. */
interface TrustedReviews {
  indexed: number;
  rows: TrustedReviewRow[];
}

export interface ViewerRating extends TrustedEstimate {
  /** The trusted reviewers with the most trust first. */
  topTrustedReviewerIds: string[];
}

const TOP_TRUSTED = 3;

/**
 * For each product (`$2`), the reviews of its index (the newest `$3`) by people the viewer (`$1`) trusts, with
 * the trust and the author's bias sums, in one statement; and one row per product with the index's size and the
 * baseline's sums, which the personal rating needs too (`indexed` set, the review columns null).
 */
const TRUSTED_REVIEWS = `WITH indexed AS (
  SELECT r.*
  FROM unnest($2::uuid[]) AS p(id)
  CROSS JOIN LATERAL (
    SELECT product_id, author_id, rating, (row_number() OVER (ORDER BY created_at DESC, id DESC))::int AS position
    FROM reviews WHERE product_id = p.id ORDER BY created_at DESC, id DESC LIMIT $3
  ) r
), baseline AS (${BASELINE}),
${trustInCandidates((column) => `${column} IN (SELECT author_id FROM indexed)`, { allOfRings12: true })}
SELECT c.product_id AS "productId", c.indexed, NULL::int AS position, NULL::uuid AS "authorId",
       NULL::int AS rating, NULL::float8 AS trust, NULL::int AS "authorReviewCount",
       NULL::float8 AS "authorResidualSum", b.*
  FROM (SELECT product_id, count(*)::int AS indexed FROM indexed GROUP BY product_id) c CROSS JOIN baseline b
UNION ALL
SELECT i.product_id, NULL, i.position, i.author_id, i.rating, t.t, coalesce(s.review_count, 0),
       coalesce(s.residual_sum, 0), NULL, NULL, NULL, NULL
  FROM indexed i JOIN trust t ON t.id = i.author_id LEFT JOIN reviewer_stats s ON s.user_id = i.author_id`;

/**
 * What the viewer's trust network says about products: the viewer's trust in each reviewer, the personal
 * rating (trusted-rating.ts), and the MOST_TRUSTED order. A product page asks PostgreSQL once for the reviews by
 * people the viewer trusts (rings and reviews joined there, so only those rows travel); the MOST_TRUSTED order
 * reads the light rows of every review of the index and the trust in all their authors. Either way a page costs
 * the same statements whether it shows 5 reviews or 20.
 */
@Injectable()
export class ReviewTrustService {
  constructor(
    private readonly db: Database,
    private readonly loaders: ReviewLoaders,
    private readonly trust: TrustScoreService,
  ) {}

  /** The light rows of a product's reviews, each with the viewer's trust in its author. */
  indexWithTrust(ctx: Context, productId: string): Promise<TrustedIndexRow[]> {
    const loaders = this.loadersOf(ctx);
    loaders.withTrustAsked.add(productId);
    return loaders.withTrust.load(productId);
  }

  /** The viewer's trust in a review's author; null for oneself, strangers, erased authors and anonymous viewers. */
  async trustInAuthor(
    ctx: Context,
    review: { productId: string; authorId: string | null },
  ): Promise<number | null> {
    if (!ctx.viewer || !review.authorId) return null;
    const { indexed, rows } = await this.loadersOf(ctx).trusted.load(review.productId);
    const row = rows.find((r) => r.authorId === review.authorId);
    if (row) return row.trust;
    // A smaller index holds every review of the product: its author is beyond the viewer's reach.
    return indexed < REVIEW_INDEX_LIMIT ? null : this.trust.of(ctx, review.authorId);
  }

  /** The viewer's personal rating of the product; null when nobody the viewer trusts reviewed it. */
  async ratingFor(ctx: Context, product: Product): Promise<ViewerRating | null> {
    if (!ctx.viewer || product.ratingCount === 0) return null;
    const { rows } = await this.loadersOf(ctx).trusted.load(product.id);
    const trusted = rows.filter((r) => r.authorId !== ctx.viewer!.id);
    if (trusted.length === 0) return null;
    const sums = await this.loaders.of(ctx).baseline();
    const mu = sums.reviewCount ? sums.ratingSum / sums.reviewCount : 0;
    const estimate = trustedRating({
      globalMean: mu,
      itemBias: itemBias(mu, product.ratingCount, product.ratingSum),
      viewerBias: userBias(sums.viewerReviewCount, sums.viewerResidualSum),
      trusted: trusted.map((r) => ({
        rating: r.rating,
        raterBias: userBias(r.authorReviewCount, r.authorResidualSum),
        trust: r.trust,
      })),
    });
    if (!estimate) return null;
    const top = [...trusted].sort((a, b) => b.trust - a.trust).slice(0, TOP_TRUSTED);
    return { ...estimate, topTrustedReviewerIds: top.map((r) => r.authorId) };
  }

  private loadersOf(ctx: Context) {
    return loadersOf(ctx, this.createLoaders);
  }

  private readonly createLoaders = (ctx: Context) => {
    const withTrust = new DataLoader<string, TrustedIndexRow[]>(async (productIds) => {
      const indexes = await this.loaders.of(ctx).productIndex.loadMany(productIds);
      const rows = indexes.map((index) => {
        if (index instanceof Error) throw index;
        return index;
      });
      const authors = [...new Set(rows.flat().flatMap((r) => (r.authorId ? [r.authorId] : [])))];
      const trust = new Map<string, number | null>();
      const values = await this.trust.ofMany(ctx, authors);
      authors.forEach((id, i) => trust.set(id, values[i]));
      return rows.map((index) =>
        index.map((r) => ({ ...r, trust: r.authorId ? (trust.get(r.authorId) ?? null) : null })),
      );
    });
    const withTrustAsked = new Set<string>();
    const trusted = new DataLoader<string, TrustedReviews>(async (productIds) => {
      // Where this operation reads the whole index with trust anyway (MOST_TRUSTED), the set comes from it.
      const fromIndex = productIds.filter((id) => withTrustAsked.has(id));
      const derived = new Map<string, TrustedReviews>();
      for (const [i, rows] of (await withTrust.loadMany(fromIndex)).entries()) {
        if (rows instanceof Error) throw rows;
        derived.set(fromIndex[i], {
          indexed: rows.length,
          rows: rows.flatMap((r) =>
            r.trust !== null && r.authorId ? [{ ...r, authorId: r.authorId, trust: r.trust }] : [],
          ),
        });
      }
      const asked = productIds.filter((id) => !derived.has(id));
      if (asked.length) {
        for (const id of asked) derived.set(id, { indexed: 0, rows: [] });
        // In the index's order (newest first), as the MOST_TRUSTED path has them: the same sums, the same ties.
        const rows = await this.db.prepared<
          TrustedReviewRow &
            BaselineRow & { productId: string; indexed: number | null; position: number | null }
        >(TRUSTED_REVIEWS, [ctx.viewer!.id, asked, REVIEW_INDEX_LIMIT]);
        rows.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
        for (const row of rows) {
          const set = derived.get(row.productId)!;
          if (row.indexed === null) set.rows.push(trustedRow(row));
          else {
            set.indexed = row.indexed;
            this.loaders.of(ctx).primeBaseline(row);
          }
        }
      }
      return productIds.map((id) => derived.get(id)!);
    });
    return { withTrust, withTrustAsked, trusted };
  };
}

function trustedRow(row: TrustedReviewRow): TrustedReviewRow {
  const { authorId, rating, trust, authorReviewCount, authorResidualSum } = row;
  return { authorId, rating, trust, authorReviewCount, authorResidualSum };
}
