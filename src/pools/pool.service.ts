import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import {
  type UserError,
  userError,
  UserErrorCode,
  UserFacingError,
  notFound,
} from '../core/errors/user-error';
import { type MoneyInput, parseMoney } from '../core/money';
import { type PageArgs, toConnection } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { Product } from '../catalog/product.entity';
import { ProductStockService } from '../catalog/product-stock.service';
import { GroupBuyPool, type PoolStatus } from './pool.entity';
import { PoolClosingService } from './pool-closing.service';
import { GroupBuyPoolConnection } from './pool.types';
import { type TierRow, tierProblems } from './pricing';

export const MAX_CAPACITY = 1_000_000;

export interface PoolFilter {
  status?: PoolStatus[] | null;
  /** Only this product's pools; null when the filter named something else than a product (then none match). */
  productId?: string | null;
}

/** A pool as its creator describes it; `productId` is null when the input's ID named something else. */
export interface NewPool {
  productId: string | null;
  tiers: Array<{ minQuantity: number; unitPrice: MoneyInput }>;
  capacity: number;
  deadline: Date;
}

/** Pools: creating, finding, listing and cancelling them. Joining and leaving live in PoolMembershipService. */
@Injectable()
export class PoolService {
  constructor(
    private readonly db: Database,
    private readonly stock: ProductStockService,
    private readonly closing: PoolClosingService,
  ) {}

  /** Newest first; `status` and `productId` narrow the list. */
  async list(_ctx: Context, filter: PoolFilter, args: PageArgs): Promise<object> {
    const query = this.db.repo(GroupBuyPool).createQueryBuilder('p');
    if (filter.status?.length) query.andWhere('p.status IN (:...status)', { status: filter.status });
    if (filter.productId !== undefined) {
      query.andWhere(filter.productId ? 'p.product_id = :productId' : 'false', {
        productId: filter.productId,
      });
    }
    const page = await paginate(query, args, {
      columns: ['p.created_at', 'p.id'],
      key: (p) => [p.createdAt, p.id],
      direction: 'DESC',
    });
    return toConnection(GroupBuyPoolConnection, page);
  }

  /** The pools a person joined, newest first. */
  async joinedBy(userId: string, args: PageArgs): Promise<object> {
    const query = this.db
      .repo(GroupBuyPool)
      .createQueryBuilder('pool')
      .where('pool.id IN (SELECT m.pool_id FROM pool_memberships m WHERE m.user_id = :userId)', { userId });
    const page = await paginate(query, args, {
      columns: ['pool.createdAt', 'pool.id'],
      key: (p) => [p.createdAt, p.id],
      direction: 'DESC',
    });
    return toConnection(GroupBuyPoolConnection, page);
  }

  /**
   * A new pool, by staff of the product's merchant. Its capacity is taken from the product's stock in the same
   * transaction, and its close is queued for the deadline before the transaction commits (a queued close of a
   * pool that was rolled back finds nothing to do).
   */
  async create(_ctx: Context, viewerId: string, input: NewPool): Promise<GroupBuyPool> {
    const { productId } = input;
    const product = productId ? await this.db.repo(Product).findOneBy({ id: productId }) : null;
    if (!product) throw notFound('productId', 'product');
    await this.requireStaff(product.merchantId, viewerId, 'Only the merchant’s staff can create its pools.');
    const tiers = checkPoolInput(input, product);
    return this.db.transaction(async () => {
      if (!(await this.stock.reserve(product.id, input.capacity))) {
        const left = (await this.stock.left(product.id)) ?? 0;
        throw UserFacingError.of(
          'capacity',
          UserErrorCode.OutOfStock,
          `The capacity is reserved from the stock, and only ${left} are in stock.`,
        );
      }
      const pool = await this.db.repo(GroupBuyPool).save(
        this.db.repo(GroupBuyPool).create({
          productId: product.id,
          merchantId: product.merchantId,
          createdById: viewerId,
          tiers,
          tippingPoint: tiers[0].minQuantity,
          capacity: input.capacity,
          listPriceMinor: product.priceMinor,
          currency: product.currency,
          deadline: input.deadline,
        }),
      );
      await this.closing.schedule(pool);
      return pool;
    });
  }

  /** Cancels a pool before its deadline, for staff of its merchant; members are told. */
  async cancel(_ctx: Context, viewerId: string, poolId: string | null): Promise<GroupBuyPool> {
    const pool = poolId ? await this.db.repo(GroupBuyPool).findOneBy({ id: poolId }) : null;
    if (!pool) throw notFound('poolId', 'pool');
    await this.requireStaff(pool.merchantId, viewerId, 'Only the merchant’s staff can cancel its pools.');
    await this.closing.cancel(pool.id, viewerId);
    return this.db.repo(GroupBuyPool).findOneByOrFail({ id: pool.id });
  }

  private async requireStaff(merchantId: string, userId: string, message: string): Promise<void> {
    const staff = await this.db.query(
      'SELECT 1 FROM merchant_staff WHERE merchant_id = $1 AND user_id = $2',
      [merchantId, userId],
    );
    if (staff.length === 0) throw new ForbiddenError(message);
  }
}

/** The pool's tiers in minor units, or every problem with the input as userErrors. */
function checkPoolInput(input: NewPool, product: Product): TierRow[] {
  const errors: UserError[] = [];
  const tiers: TierRow[] = [];
  input.tiers.forEach((tier, i) => {
    const field = ['tiers', String(i), 'unitPrice'];
    try {
      const price = parseMoney(tier.unitPrice, field);
      if (price.currency !== product.currency) {
        errors.push(
          userError([...field, 'currencyCode'], UserErrorCode.Invalid, `Prices are in ${product.currency}.`),
        );
      }
      tiers.push({ minQuantity: tier.minQuantity, unitPriceMinor: price.minor });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      errors.push(...error.errors);
    }
  });
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) {
    errors.push(
      userError('capacity', UserErrorCode.OutOfRange, `The capacity must be between 1 and ${MAX_CAPACITY}.`),
    );
  }
  if (input.deadline.getTime() <= Date.now()) {
    errors.push(userError('deadline', UserErrorCode.OutOfRange, 'The deadline must be in the future.'));
  }
  if (errors.length === 0) {
    for (const p of tierProblems(tiers, product.priceMinor, input.capacity)) {
      errors.push(userError(p.field, p.code, p.message));
    }
  }
  if (errors.length) throw new UserFacingError(errors);
  return tiers;
}
