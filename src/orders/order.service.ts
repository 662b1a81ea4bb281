import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError, notFound } from '../core/errors/user-error';
import { emptyConnection, type PageArgs, toConnection } from '../core/relay/connection';
import { rules, validate } from '../core/validation';
import { AudiencePolicy } from '../privacy/audience.policy';
import type { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { Order, OrderSource } from './order.entity';
import { OrderConnection } from './order.inputs';
import { OrderLoaders } from './order.loaders';
import { ProductStockService } from '../catalog/product-stock.service';

const placeRules = z.object({
  quantity: rules.intRange('The quantity', 1, 100_000),
  idempotencyKey: rules.idempotencyKey,
});

export interface PlaceOrder {
  /** Null when the input's ID named something else than a product. */
  productId: string | null;
  quantity: number;
  idempotencyKey: string;
}

/** Direct purchases, and who may see which orders. */
@Injectable()
export class OrderService {
  constructor(
    private readonly db: Database,
    private readonly stock: ProductStockService,
    private readonly users: UserLoaders,
    private readonly policy: AudiencePolicy,
    private readonly loaders: OrderLoaders,
  ) {}

  /**
   * Buys at the list price. Stock is taken by a conditional update, so concurrent buyers never take more than
   * there is. A retry with the same key and input answers with the order placed first; a concurrent twin loses
   * on the unique key, rolls back its stock, and answers the same.
   */
  async place(_ctx: Context, buyerId: string, input: PlaceOrder): Promise<Order> {
    const { productId } = input;
    if (!productId) throw notFound('productId', 'product');
    const { quantity, idempotencyKey } = validate(placeRules, input);
    const earlier = await this.db.repo(Order).findOneBy({ buyerId, idempotencyKey });
    if (earlier) return replay(earlier, productId, quantity);
    try {
      return await this.db.transaction(async () => {
        const product = await this.stock.take(productId, quantity);
        if (!product) throw await this.whyNotTaken(productId, quantity);
        return this.db.repo(Order).save(
          this.db.repo(Order).create({
            buyerId,
            merchantId: product.merchantId,
            productId,
            title: product.title,
            quantity,
            unitPriceMinor: product.priceMinor,
            currency: product.currency,
            source: OrderSource.DIRECT,
            idempotencyKey,
          }),
        );
      });
    } catch (error) {
      const twin =
        (error as { code?: string }).code === '23505' &&
        (await this.db.repo(Order).findOneBy({ buyerId, idempotencyKey }));
      if (twin) return replay(twin, productId, quantity);
      throw error;
    }
  }

  /** The orders of `owner`, newest first, when the owner's order-history audience includes the viewer. */
  async ordersOf(ctx: Context, owner: User, args: PageArgs): Promise<object> {
    if (!(await this.policy.canSee(ctx, owner, 'orderHistory'))) return emptyConnection(OrderConnection);
    const loaders = this.loaders.of(ctx);
    const page = await loaders.pagesByBuyer.load({ parentId: owner.id, args });
    const orders = await loaders.byId.loadMany(page.rows.map((r) => r.row.id));
    return toConnection(OrderConnection, {
      edges: page.rows.map((r, i) => ({ cursor: r.cursor, node: orders[i] as Order })),
      pageInfo: page.pageInfo,
      totalCount: () => loaders.countByBuyer.load(owner.id),
    });
  }

  /** Orders by id for `node(id:)`, null where the buyer's order-history audience excludes the viewer. */
  async findVisible(ctx: Context, ids: readonly string[]): Promise<Array<Order | null>> {
    const orders = await this.loaders.of(ctx).byId.loadMany(ids);
    return Promise.all(
      orders.map(async (order) => {
        if (!(order instanceof Order) || !order.buyerId) return null;
        const buyer = await this.users.of(ctx).byId.load(order.buyerId);
        return buyer && (await this.policy.canSee(ctx, buyer, 'orderHistory')) ? order : null;
      }),
    );
  }

  private async whyNotTaken(productId: string, quantity: number): Promise<UserFacingError> {
    const left = await this.stock.left(productId);
    if (left === null) return notFound('productId', 'product');
    return UserFacingError.of(
      'quantity',
      UserErrorCode.OutOfStock,
      left === 0 ? 'This product is sold out.' : `Only ${left} left in stock; you asked for ${quantity}.`,
    );
  }
}

function replay(order: Order, productId: string, quantity: number): Order {
  if (order.productId === productId && order.quantity === quantity) return order;
  throw UserFacingError.of(
    'idempotencyKey',
    UserErrorCode.IdempotencyKeyReused,
    'This idempotency key was used for another purchase; use a new key for a new purchase.',
  );
}
