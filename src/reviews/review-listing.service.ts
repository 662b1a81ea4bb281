import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { type KeysetOrder, paginateSql } from '../core/relay/keyset';
import type { Product } from '../catalog/product.entity';
import type { Review } from './review.entity';
import { ReviewLoaders } from './review.loaders';
import { ReviewTrustService } from './review-trust.service';
import { ReviewOrder } from './review.types';
import { pageByTrust } from './trust-order';

const ORDERS: Record<Exclude<ReviewOrder, ReviewOrder.MOST_TRUSTED>, KeysetOrder<Review>> = {
  [ReviewOrder.NEWEST]: {
    columns: ['r.created_at', 'r.id'],
    key: (r) => [r.createdAt, r.id],
    direction: 'DESC',
  },
  [ReviewOrder.MOST_HELPFUL]: {
    columns: ['r.helpful_count', 'r.id'],
    key: (r) => [r.helpfulCount, r.id],
    direction: 'DESC',
  },
  [ReviewOrder.HIGHEST]: {
    columns: ['r.rating', 'r.id'],
    key: (r) => [r.rating, r.id],
    direction: 'DESC',
  },
  [ReviewOrder.LOWEST]: {
    columns: ['r.rating', 'r.id'],
    key: (r) => [r.rating, r.id],
    direction: 'ASC',
  },
};

const OF_MERCHANT = 'r.product_id IN (SELECT p.id FROM products p WHERE p.merchant_id = $1)';

/**
 * Pages of reviews: of a product in any order, of a merchant's products newest first. Each page is one
 * statement with the reviews' authors (see ReviewsWithAuthors).
 */
@Injectable()
export class ReviewListingService {
  constructor(
    private readonly db: Database,
    private readonly loaders: ReviewLoaders,
    private readonly trust: ReviewTrustService,
  ) {}

  async ofProduct(
    ctx: Context,
    product: Product,
    order: ReviewOrder,
    page: PageArgs,
  ): Promise<ConnectionResult<Review>> {
    if (order === ReviewOrder.MOST_TRUSTED) return this.mostTrusted(ctx, product, page);
    const result = await this.page(ctx, 'r.product_id = $1', product.id, ORDERS[order], page);
    return { ...result, totalCount: async () => product.ratingCount };
  }

  async ofMerchant(ctx: Context, merchantId: string, page: PageArgs): Promise<ConnectionResult<Review>> {
    const result = await this.page(ctx, OF_MERCHANT, merchantId, ORDERS[ReviewOrder.NEWEST], page);
    const totalCount = async () => {
      const [row] = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reviews r WHERE ${OF_MERCHANT}`,
        [merchantId],
      );
      return row.n;
    };
    return { ...result, totalCount };
  }

  /** One page of the reviews matching `condition` on `$1`, with their authors. */
  private page(
    ctx: Context,
    condition: string,
    param: string,
    order: KeysetOrder<Review>,
    page: PageArgs,
  ): Promise<Omit<ConnectionResult<Review>, 'totalCount'>> {
    const { withAuthors } = this.loaders;
    return paginateSql(page, order, 3, async (keyset) =>
      withAuthors.read(
        await this.db.prepared(
          `${withAuthors.from} WHERE ${condition} AND ${keyset.where} ORDER BY ${keyset.orderBy} LIMIT $2`,
          [param, keyset.limit, ...keyset.params],
        ),
      ),
    );
  }

  /** Sorted here by the viewer's trust (see trust-order.ts), then the page's reviews are loaded in one batch. */
  private async mostTrusted(
    ctx: Context,
    product: Product,
    page: PageArgs,
  ): Promise<ConnectionResult<Review>> {
    const rows = await this.trust.indexWithTrust(ctx, product.id);
    const result = pageByTrust(rows, page);
    const reviews = await this.loaders.of(ctx).reviewById.loadMany(result.edges.map((e) => e.node.id));
    const edges = result.edges.flatMap((edge, i) => {
      const review = reviews[i];
      return review && !(review instanceof Error) ? [{ cursor: edge.cursor, node: review }] : [];
    });
    return { edges, pageInfo: result.pageInfo, totalCount: async () => product.ratingCount };
  }
}
