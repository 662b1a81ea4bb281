import type { GraphQLResolveInfo } from 'graphql';
import type { ProductJoin, ProductJoinPlan } from '../catalog/catalog.loaders';
import type { Context } from '../core/context';
import { selectedField } from '../core/look-ahead';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { type ConnectionResult, type PageArgs, pageWindow } from '../core/relay/connection';
import { type KeysetOrder, paginate, paginateSql } from '../core/relay/keyset';
import type { Product } from '../catalog/product.entity';
import { Review as ReviewEntity, type Review } from './review.entity';
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

/** A first page read forward: no cursor, no `last`. */
function firstPage(page: PageArgs): boolean {
  return page.after == null && page.before == null && page.last == null;
}

function pageKey(productId: string, order: ReviewOrder, limit: number): string {
  return `${productId}|${order}|${limit}`;
}

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
    const readAlong = firstPage(page)
      ? this.loaders.of(ctx).pagesReadAlong.get(pageKey(product.id, order, pageWindow(page).limit))
      : undefined;
    const result = readAlong
      ? await paginateSql(page, ORDERS[order], 3, async () => readAlong)
      : await this.page(ctx, 'r.product_id = $1', product.id, ORDERS[order], page);
    return { ...result, totalCount: async () => product.ratingCount };
  }

  /**
   * The first page of a product's reviews with their authors, read in the product's own statement when the
   * selection under `product` asks for it (`reviews(first: n)` in any order but MOST_TRUSTED, without a
   * cursor): the catalog's loaders run it, and `ofProduct` then answers from what was read.
   */
  productJoin(): ProductJoin {
    const { withAuthors } = this.loaders;
    return {
      plan: (info: GraphQLResolveInfo): ProductJoinPlan | null => {
        const field = selectedField(info, 'reviews');
        if (!field) return null;
        const page = field.args as PageArgs & { orderBy?: ReviewOrder | null };
        const orderName = page.orderBy ?? ReviewOrder.NEWEST;
        if (orderName === ReviewOrder.MOST_TRUSTED || !firstPage(page)) return null;
        let limit: number;
        try {
          limit = pageWindow(page).limit;
        } catch {
          return null; // the field itself reports the bad page size
        }
        const order = ORDERS[orderName];
        const direction = order.direction;
        const orderBy = order.columns.map((c) => `${c} ${direction}`).join(', ');
        return {
          sql: `${withAuthors.fromPrefixed(`row_number() OVER (ORDER BY ${orderBy})`)}
                 WHERE r.product_id = p.id ORDER BY ${orderBy} LIMIT $2`,
          params: [limit + 1],
          positionColumn: 'r.position',
          presentColumn: 'r.id',
          take: (ctx, productId, rows) =>
            this.loaders.keepPage(ctx, pageKey(productId, orderName, limit), withAuthors.readPrefixed(rows)),
        };
      },
    };
  }

  /** The reviews a person wrote, newest first. */
  byAuthor(authorId: string, page: PageArgs): Promise<ConnectionResult<Review>> {
    const query = this.db
      .repo(ReviewEntity)
      .createQueryBuilder('review')
      .where('review.authorId = :authorId', { authorId });
    return paginate(query, page, {
      columns: ['review.createdAt', 'review.id'],
      key: (r) => [r.createdAt, r.id],
      direction: 'DESC',
    });
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
