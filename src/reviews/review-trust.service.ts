import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import type { Product } from '../catalog/product.entity';
import { TrustScoreService } from '../trust/trust-score.service';
import { REVIEW_INDEX_LIMIT } from './review.loaders';
import { type TrustedIndexRow, ReviewTrustLoaders } from './review-trust.loaders';
import { itemBias, type TrustedEstimate, trustedRating, userBias } from './trusted-rating';

export interface ViewerRating extends TrustedEstimate {
  /** The trusted reviewers with the most trust first. */
  topTrustedReviewerIds: string[];
}

const TOP_TRUSTED = 3;

/**
 * What the viewer's trust network says about products: the viewer's trust in each reviewer, the personal
 * rating (trusted-rating.ts), and the rows the MOST_TRUSTED order sorts. Either way a page costs the same
 * statements whether it shows 5 reviews or 20 (see ReviewTrustLoaders).
 */
@Injectable()
export class ReviewTrustService {
  constructor(
    private readonly loaders: ReviewTrustLoaders,
    private readonly trust: TrustScoreService,
  ) {}

  /** The light rows of a product's reviews, each with the viewer's trust in its author. */
  indexWithTrust(ctx: Context, productId: string): Promise<TrustedIndexRow[]> {
    return this.loaders.of(ctx).indexWithTrust.load(productId);
  }

  /** The viewer's trust in a review's author; null for oneself, strangers, erased authors and anonymous viewers. */
  async trustInAuthor(
    ctx: Context,
    review: { productId: string; authorId: string | null },
  ): Promise<number | null> {
    if (!ctx.viewer || !review.authorId) return null;
    const { indexed, rows } = await this.loaders.of(ctx).trustedReviews.load(review.productId);
    const row = rows.find((r) => r.authorId === review.authorId);
    if (row) return row.trust;
    // A smaller index holds every review of the product: its author is beyond the viewer's reach.
    return indexed < REVIEW_INDEX_LIMIT ? null : this.trust.of(ctx, review.authorId);
  }

  /** The viewer's personal rating of the product; null when nobody the viewer trusts reviewed it. */
  async ratingFor(ctx: Context, product: Product): Promise<ViewerRating | null> {
    if (!ctx.viewer || product.ratingCount === 0) return null;
    const loaders = this.loaders.of(ctx);
    const { rows } = await loaders.trustedReviews.load(product.id);
    const trusted = rows.filter((r) => r.authorId !== ctx.viewer!.id);
    if (trusted.length === 0) return null;
    const sums = await loaders.baseline();
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
}
