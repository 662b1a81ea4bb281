import { z } from 'zod';
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
import { rules, validate } from '../core/validation';
import { Product } from '../catalog/product.entity';
import { ProductStockService } from '../catalog/product-stock.service';
import { AuctionEvents } from './auction.events';
import { CallAuctionConnection } from './auction.inputs';
import { CallAuction, CallAuctionStatus } from './call-auction.entity';
import { CallClearingService } from './call-clearing.service';
import type { SupplyStepRow } from './clearing';
import { LimitBid, LimitBidStatus } from './limit-bid.entity';

export const MAX_SUPPLY_STEPS = 10;
export const MAX_UNITS = 1_000_000;

export interface NewCallAuction {
  /** Null when the input's ID named something else than a product. */
  productId: string | null;
  supply: Array<{ quantity: number; minUnitPrice: MoneyInput }>;
  callAt: Date;
}

export interface NewLimitBid {
  /** Null when the input's ID named something else than a call auction. */
  auctionId: string | null;
  quantity: number;
  maxUnitPrice: MoneyInput;
  idempotencyKey: string;
}

const bidRules = z.object({
  quantity: rules.intRange('The quantity', 1, MAX_UNITS),
  idempotencyKey: rules.idempotencyKey,
});

/**
 * Call auctions before their call: creating them (supply reserved from stock), limit bids and their withdrawal
 * until `callAt`, listing. The call itself is CallClearingService's. Bids and withdrawals share the auction row's
 * lock (FOR SHARE) with the call (FOR UPDATE), so none slips in while the call reads the book, and every one
 * compares `callAt` with the database clock: from `callAt` on they are refused, even before the call has run.
 */
@Injectable()
export class CallAuctionService {
  constructor(
    private readonly db: Database,
    private readonly stock: ProductStockService,
    private readonly clearing: CallClearingService,
    private readonly events: AuctionEvents,
  ) {}

  async create(_ctx: Context, viewerId: string, input: NewCallAuction): Promise<CallAuction> {
    const product = input.productId ? await this.db.repo(Product).findOneBy({ id: input.productId }) : null;
    if (!product) throw notFound('productId', 'product');
    await requireStaff(
      this.db,
      product.merchantId,
      viewerId,
      'Only the merchant’s staff can auction its products.',
    );
    const supply = checkSupply(input, product.currency);
    const total = supply.reduce((sum, step) => sum + step.quantity, 0);
    return this.db.transaction(async () => {
      if (!(await this.stock.reserve(product.id, total))) {
        const left = (await this.stock.left(product.id)) ?? 0;
        throw UserFacingError.of(
          'supply',
          UserErrorCode.OutOfStock,
          `The supply (${total} units) is reserved from the stock, and only ${left} are in stock.`,
        );
      }
      const auction = await this.db.repo(CallAuction).save(
        this.db.repo(CallAuction).create({
          productId: product.id,
          merchantId: product.merchantId,
          createdById: viewerId,
          supply,
          totalSupply: total,
          currency: product.currency,
          callAt: input.callAt,
        }),
      );
      await this.clearing.schedule(auction);
      return auction;
    });
  }

  /** Newest first; `status` narrows the list. */
  async list(_ctx: Context, status: CallAuctionStatus[] | null | undefined, args: PageArgs): Promise<object> {
    const query = this.db.repo(CallAuction).createQueryBuilder('a');
    if (status?.length) query.andWhere('a.status IN (:...status)', { status });
    const page = await paginate(query, args, {
      columns: ['a.created_at', 'a.id'],
      key: (a) => [a.createdAt, a.id],
      direction: 'DESC',
    });
    return toConnection(CallAuctionConnection, page);
  }

  /**
   * Places a limit bid. A retry with the same key and input answers with the bid placed first; the same key with
   * another input is IDEMPOTENCY_KEY_REUSED.
   */
  async placeBid(_ctx: Context, buyerId: string, input: NewLimitBid): Promise<LimitBid> {
    const { auctionId } = input;
    if (!auctionId) throw notFound('auctionId', 'call auction');
    const { quantity, idempotencyKey } = validate(bidRules, input);
    const price = parseMoney(input.maxUnitPrice, 'maxUnitPrice');
    const earlier = await this.db.repo(LimitBid).findOneBy({ buyerId, idempotencyKey });
    if (earlier) return replay(earlier, auctionId, quantity, price.minor);
    try {
      return await this.db.transaction(async () => {
        const auction = await this.lockOpen(auctionId, 'auctionId');
        if (price.currency !== auction.currency) {
          throw UserFacingError.of(
            ['maxUnitPrice', 'currencyCode'],
            UserErrorCode.Invalid,
            `This auction is in ${auction.currency}.`,
          );
        }
        const bid = await this.db.repo(LimitBid).save(
          this.db.repo(LimitBid).create({
            auctionId,
            buyerId,
            quantity,
            maxUnitPriceMinor: price.minor,
            currency: price.currency,
            idempotencyKey,
          }),
        );
        await this.events.callAuctionChanged(auctionId);
        return bid;
      });
    } catch (error) {
      const twin =
        (error as { code?: string }).code === '23505' &&
        (await this.db.repo(LimitBid).findOneBy({ buyerId, idempotencyKey }));
      if (twin) return replay(twin, auctionId, quantity, price.minor);
      throw error;
    }
  }

  /** Withdraws one's own open bid before the call; answers the auction's id. */
  async withdraw(_ctx: Context, buyerId: string, bidId: string | null): Promise<string> {
    return this.db.transaction(async () => {
      const bid = bidId ? await this.db.repo(LimitBid).findOneBy({ id: bidId }) : null;
      if (!bid || bid.buyerId !== buyerId) throw notFound('bidId', 'bid of yours');
      await this.lockOpen(bid.auctionId, 'bidId');
      const { affected } = await this.db
        .repo(LimitBid)
        .update({ id: bid.id, status: LimitBidStatus.OPEN }, { status: LimitBidStatus.WITHDRAWN });
      if (!affected)
        throw UserFacingError.of('bidId', UserErrorCode.NotOpen, 'This bid is withdrawn already.');
      await this.events.callAuctionChanged(bid.auctionId);
      return bid.auctionId;
    });
  }

  /**
   * Locks the auction's row against the call for the rest of the transaction (FOR SHARE: bids do not wait for
   * each other) and refuses it unless it is OPEN before `callAt` on the database clock.
   */
  private async lockOpen(auctionId: string, field: string): Promise<{ currency: string }> {
    const [auction] = await this.db.query<{ status: CallAuctionStatus; open: boolean; currency: string }>(
      `SELECT status, call_at > clock_timestamp() AS open, currency FROM call_auctions WHERE id = $1 FOR SHARE`,
      [auctionId],
    );
    if (!auction) throw notFound(field, 'call auction');
    if (auction.status !== CallAuctionStatus.OPEN || !auction.open) {
      throw UserFacingError.of(
        field,
        UserErrorCode.DeadlinePassed,
        auction.status === CallAuctionStatus.OPEN
          ? 'This auction’s call time has passed: bids are final.'
          : 'This auction is closed.',
      );
    }
    return auction;
  }
}

/** Refuses, as FORBIDDEN, anyone who is not staff of the merchant. */
export async function requireStaff(db: Database, merchantId: string, userId: string, message: string) {
  const staff = await db.query('SELECT 1 FROM merchant_staff WHERE merchant_id = $1 AND user_id = $2', [
    merchantId,
    userId,
  ]);
  if (staff.length === 0) throw new ForbiddenError(message);
}

function replay(bid: LimitBid, auctionId: string, quantity: number, priceMinor: number): LimitBid {
  if (bid.auctionId === auctionId && bid.quantity === quantity && bid.maxUnitPriceMinor === priceMinor)
    return bid;
  throw UserFacingError.of(
    'idempotencyKey',
    UserErrorCode.IdempotencyKeyReused,
    'This idempotency key was used for another bid; use a new key for a new bid.',
  );
}

/** The supply in minor units, or every problem with it (and with the call time) as userErrors. */
function checkSupply(input: NewCallAuction, currency: string): SupplyStepRow[] {
  const errors: UserError[] = [];
  const steps: SupplyStepRow[] = [];
  if (input.supply.length < 1 || input.supply.length > MAX_SUPPLY_STEPS) {
    errors.push(
      userError('supply', UserErrorCode.OutOfRange, `Give from 1 to ${MAX_SUPPLY_STEPS} supply steps.`),
    );
  }
  input.supply.forEach((step, i) => {
    if (!Number.isInteger(step.quantity) || step.quantity < 1 || step.quantity > MAX_UNITS) {
      errors.push(
        userError(
          ['supply', String(i), 'quantity'],
          UserErrorCode.OutOfRange,
          `A step’s quantity must be between 1 and ${MAX_UNITS}.`,
        ),
      );
    }
    const field = ['supply', String(i), 'minUnitPrice'];
    try {
      const price = parseMoney(step.minUnitPrice, field);
      if (price.currency !== currency) {
        errors.push(
          userError([...field, 'currencyCode'], UserErrorCode.Invalid, `Prices are in ${currency}.`),
        );
      }
      const previous = steps[steps.length - 1];
      if (previous && price.minor <= previous.minUnitPriceMinor) {
        errors.push(
          userError(
            field,
            UserErrorCode.Invalid,
            'Supply steps go from the lowest price up: each step’s price must be above the one before.',
          ),
        );
      }
      steps.push({ quantity: step.quantity, minUnitPriceMinor: price.minor });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      errors.push(...error.errors);
    }
  });
  if (input.callAt.getTime() <= Date.now()) {
    errors.push(userError('callAt', UserErrorCode.OutOfRange, 'The call time must be in the future.'));
  }
  if (errors.length) throw new UserFacingError(errors);
  return steps;
}
