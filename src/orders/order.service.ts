import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError, notFound } from '../core/errors/user-error';
import { emptyConnection, type PageArgs, toConnection } from '../core/relay/connection';
import { rules, validate } from '../core/validation';
import { toGlobalId } from '../core/relay/global-id';
import { MerchantService } from '../catalog/merchant.service';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { AudiencePolicy } from '../privacy/audience.policy';
import type { User } from '../users/user.entity';
import { Order, OrderSource } from './order.entity';
import { OrderAccessPolicy } from './order-access.policy';
import { OrderEvents } from './order.events';
import { OrderConnection } from './order.inputs';
import { OrderLoaders } from './order.loaders';
import { ProductStockService } from '../catalog/product-stock.service';
import { WebhookService } from '../apps/webhook.service';

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

/** One order line as the orders slice stores it; `source` and `sourceId` say what it came from. */
interface OrderLine {
  buyerId: string;
  merchantId: string;
  productId: string | null;
  title: string;
  quantity: number;
  unitPriceMinor: number;
  currency: string;
  source: OrderSource;
  sourceId: string | null;
  idempotencyKey: string | null;
}

/** A successful pool's orders: one per member, for the member's quantity, at the pool's final unit price. */
export interface PoolOrders {
  poolId: string;
  merchantId: string;
  productId: string;
  unitPriceMinor: number;
  currency: string;
  members: ReadonlyArray<{ buyerId: string; quantity: number }>;
}

/** An awarded price request's orders: one per buyer, titled as the request, from the winner, with no product. */
export interface AwardOrders {
  requestId: string;
  title: string;
  /** The product wanted, for a request made from a pool; null otherwise. */
  productId: string | null;
  merchantId: string;
  unitPriceMinor: number;
  currency: string;
  buyers: ReadonlyArray<{ buyerId: string; quantity: number }>;
}

/**
 * An auction's orders, one per line at the line's unit price: a call auction's fills (one per filled bid, all at
 * the clearing price) or a Dutch auction's take. Titled as the product is now.
 */
export interface AuctionOrders {
  source: OrderSource.CALL_AUCTION | OrderSource.DUTCH_AUCTION;
  auctionId: string;
  merchantId: string;
  productId: string;
  currency: string;
  lines: ReadonlyArray<{ buyerId: string; quantity: number; unitPriceMinor: number }>;
}

/**
 * Orders, the only writer of `orders`: a direct purchase (`place`), a pool that succeeded (`placeForPool`), an
 * awarded price request (`placeForAward`), an auction's fills or take (`placeForAuction`), each a source of its own sharing one writer; and who may see which
 * orders. Every source places its orders in the caller's transaction, so they commit with what caused them.
 */
@Injectable()
export class OrderService {
  constructor(
    private readonly db: Database,
    private readonly stock: ProductStockService,
    private readonly policy: AudiencePolicy,
    private readonly access: OrderAccessPolicy,
    private readonly loaders: OrderLoaders,
    private readonly webhooks: WebhookService,
    private readonly merchants: MerchantService,
    private readonly notifications: NotificationSenderService,
    private readonly events: OrderEvents,
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
        const [order] = await this.write([
          {
            buyerId,
            merchantId: product.merchantId,
            productId,
            title: product.title,
            quantity,
            unitPriceMinor: product.priceMinor,
            currency: product.currency,
            source: OrderSource.DIRECT,
            sourceId: null,
            idempotencyKey,
          },
        ]);
        await this.tellShop(product.merchantId, [order], null);
        return order;
      });
    } catch (error) {
      const twin =
        (error as { code?: string }).code === '23505' &&
        (await this.db.repo(Order).findOneBy({ buyerId, idempotencyKey }));
      if (twin) return replay(twin, productId, quantity);
      throw error;
    }
  }

  /**
   * The orders of a pool that succeeded, titled as its product is now. At most one per member and pool, however
   * often the pool's close runs; answers the buyers whose orders were placed by this call.
   */
  async placeForPool(pool: PoolOrders): Promise<string[]> {
    const [product] = await this.db.query<{ title: string }>('SELECT title FROM products WHERE id = $1', [
      pool.productId,
    ]);
    const orders = await this.write(
      pool.members.map((member) => ({
        buyerId: member.buyerId,
        merchantId: pool.merchantId,
        productId: pool.productId,
        title: product.title,
        quantity: member.quantity,
        unitPriceMinor: pool.unitPriceMinor,
        currency: pool.currency,
        source: OrderSource.POOL,
        sourceId: pool.poolId,
        idempotencyKey: null,
      })),
    );
    return orders.map((o) => o.buyerId!);
  }

  /** The orders of an awarded price request: one per participant, for that participant's quantity. */
  async placeForAward(award: AwardOrders): Promise<void> {
    const orders = await this.write(
      award.buyers.map((buyer) => ({
        buyerId: buyer.buyerId,
        merchantId: award.merchantId,
        productId: award.productId,
        title: award.title,
        quantity: buyer.quantity,
        unitPriceMinor: award.unitPriceMinor,
        currency: award.currency,
        source: OrderSource.PRICE_REQUEST,
        sourceId: award.requestId,
        idempotencyKey: null,
      })),
    );
    await this.tellShop(award.merchantId, orders, toGlobalId('PriceRequest', award.requestId));
  }

  /** ORDER_PLACED to the shop's staff, one per order (a pool's success is one POOL_SUCCEEDED instead). */
  private async tellShop(merchantId: string, orders: Order[], requestId: string | null): Promise<void> {
    const staff = await this.merchants.staffIds(merchantId);
    for (const order of orders) {
      await this.notifications.sendToMany(
        staff.filter((id) => id !== order.buyerId),
        'ORDER_PLACED',
        {
          orderId: toGlobalId('Order', order.id),
          title: order.title,
          quantity: order.quantity,
          ...(requestId ? { priceRequestId: requestId } : {}),
        },
        order.buyerId,
      );
      await this.events.changed(order.id);
    }
  }

  /**
   * The orders of an auction: one per line (a buyer with two filled bids gets two). Answers the orders placed, one
   * per buyer; a take, being one line, gets its own order.
   */
  async placeForAuction(auction: AuctionOrders): Promise<Order[]> {
    if (auction.lines.length === 0) return [];
    const [product] = await this.db.query<{ title: string }>('SELECT title FROM products WHERE id = $1', [
      auction.productId,
    ]);
    return this.write(
      auction.lines.map((line) => ({
        buyerId: line.buyerId,
        merchantId: auction.merchantId,
        productId: auction.productId,
        title: product.title,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        currency: auction.currency,
        source: auction.source,
        sourceId: auction.auctionId,
        idempotencyKey: null,
      })),
    );
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

  /**
   * Orders by id for `node(id:)`: the buyer's and the selling shop's staff's always, anyone else's where the
   * buyer's order-history audience includes them.
   */
  async findVisible(ctx: Context, ids: readonly string[]): Promise<Array<Order | null>> {
    const orders = await this.loaders.of(ctx).byId.loadMany(ids);
    return Promise.all(
      orders.map(async (order) =>
        order instanceof Order && (await this.access.canSee(ctx, order)) ? order : null,
      ),
    );
  }

  /**
   * The one writer of orders: every line in one statement. A pool's member never gets a second order of the pool
   * (the unique index on source and buyer; such a line is skipped), and a reused idempotency key fails the
   * statement (23505), which `place` answers.
   */
  private async write(lines: OrderLine[]): Promise<Order[]> {
    if (lines.length === 0) return [];
    const column = <K extends keyof OrderLine>(key: K) => lines.map((line) => line[key]);
    const rows = await this.db.query<{
      id: string;
      status: Order['status'];
      createdAt: Date;
      buyerId: string;
    }>(
      `WITH placed AS (
         INSERT INTO orders (buyer_id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source,
                             source_id, idempotency_key)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::int[], $6::int[], $7::char(3)[],
                              $8::order_source[], $9::uuid[], $10::varchar[])
         ON CONFLICT (source_id, buyer_id) WHERE source = 'POOL' DO NOTHING
         RETURNING id, status, created_at, buyer_id),
       history AS (
         INSERT INTO order_events (order_id, status, at, actor_id) SELECT id, status, created_at, buyer_id FROM placed)
       SELECT id, status, created_at AS "createdAt", buyer_id AS "buyerId" FROM placed`,
      [
        column('buyerId'),
        column('merchantId'),
        column('productId'),
        column('title'),
        column('quantity'),
        column('unitPriceMinor'),
        column('currency'),
        column('source'),
        column('sourceId'),
        column('idempotencyKey'),
      ],
    );
    // Partner apps hear of each new order through the outbox, in this transaction.
    await this.webhooks.record(
      'order.created',
      rows.map((row) => row.id),
    );
    // One call places at most one order per buyer (a pool's members, a request's buyers, one direct purchase).
    const placed = new Map(rows.map((row) => [row.buyerId, row]));
    return lines.flatMap((line) => {
      const row = placed.get(line.buyerId);
      return row ? [this.db.repo(Order).create({ ...line, ...row })] : [];
    });
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
