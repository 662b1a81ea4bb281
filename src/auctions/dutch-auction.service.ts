import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import {
  type UserError,
  userError,
  UserErrorCode,
  UserFacingError,
  notFound,
} from '../core/errors/user-error';
import { JobQueue } from '../core/jobs/job-queue';
import { type MinorAmount, type MoneyInput, parseMoney } from '../core/money';
import { rules, validate } from '../core/validation';
import { Product } from '../catalog/product.entity';
import { ProductStockService } from '../catalog/product-stock.service';
import { OrderSource } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { AuctionEvents } from './auction.events';
import { MAX_UNITS, requireStaff } from './call-auction.service';
import { DutchAuction, DutchAuctionStatus, LIVE_STATUSES } from './dutch-auction.entity';
import { type DutchSchedule, endOf, nextDropAt, priceAt, scheduleProblems } from './dutch-pricing';
import { DutchTake } from './dutch-take.entity';

export const DUTCH_END_QUEUE = 'dutch_auction_end';

export interface DutchEndJob {
  auctionId: string;
}

export interface NewDutchAuction {
  productId: string | null;
  quantity: number;
  startPrice: MoneyInput;
  floorPrice: MoneyInput;
  decrement: MoneyInput;
  intervalSeconds: number;
  startsAt?: Date | null;
}

export interface TakeInput {
  auctionId: string | null;
  quantity: number;
  idempotencyKey: string;
}

/** What a take got: the order for it, and the auction it was of. */
export interface Taken {
  orderId: string;
  auctionId: string;
}

const takeRules = z.object({
  quantity: rules.intRange('The quantity', 1, MAX_UNITS),
  idempotencyKey: rules.idempotencyKey,
});

/** How far in the past a start may be given (clocks differ a little): later than that it is refused. */
const START_TOLERANCE_MS = 60_000;

const LIVE_SQL = `(${LIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** What a reader sees of an auction at `now`: its status, price and next step. */
export function dutchStateAt(auction: DutchAuction, now: Date) {
  const live = LIVE_STATUSES.includes(auction.status);
  const status = !live
    ? auction.status
    : now < auction.startsAt
      ? DutchAuctionStatus.SCHEDULED
      : now >= auction.endsAt
        ? DutchAuctionStatus.ENDED
        : DutchAuctionStatus.RUNNING;
  const priceMinor =
    auction.status === DutchAuctionStatus.SOLD_OUT && auction.finalPriceMinor !== null
      ? auction.finalPriceMinor
      : priceAt(auction, live ? now : (auction.endedAt ?? now));
  const nextDrop = live && now < auction.endsAt ? nextDropAt(auction, now) : null;
  return { status, priceMinor, nextDropAt: nextDrop };
}

/**
 * Falling-price auctions: creation (the quantity reserved from stock), takes and the end. A take locks the
 * auction's row, prices itself on the database clock under that lock and takes at most what is left, so all takers
 * together never get more than the quantity, whatever their number and instances. The end at one interval after
 * the floor is a job (status-guarded UPDATE) that puts the unsold units back.
 */
@Injectable()
export class DutchAuctionService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly stock: ProductStockService,
    private readonly orders: OrderService,
    private readonly events: AuctionEvents,
  ) {}

  async create(_ctx: Context, viewerId: string, input: NewDutchAuction): Promise<DutchAuction> {
    const product = input.productId ? await this.db.repo(Product).findOneBy({ id: input.productId }) : null;
    if (!product) throw notFound('productId', 'product');
    await requireStaff(
      this.db,
      product.merchantId,
      viewerId,
      'Only the merchant’s staff can auction its products.',
    );
    const schedule = checkDutchInput(input, product.currency);
    return this.db.transaction(async () => {
      if (!(await this.stock.reserve(product.id, input.quantity))) {
        const left = (await this.stock.left(product.id)) ?? 0;
        throw UserFacingError.of(
          'quantity',
          UserErrorCode.OutOfStock,
          `The quantity is reserved from the stock, and only ${left} are in stock.`,
        );
      }
      const auction = await this.db.repo(DutchAuction).save(
        this.db.repo(DutchAuction).create({
          productId: product.id,
          merchantId: product.merchantId,
          createdById: viewerId,
          ...schedule,
          endsAt: endOf(schedule),
          currency: product.currency,
          quantity: input.quantity,
          remaining: input.quantity,
          status: DutchAuctionStatus.RUNNING,
        }),
      );
      await this.schedule(auction);
      await this.events.dutchAuctionChanged(auction.id);
      return auction;
    });
  }

  /**
   * Takes up to `quantity` units at the price of the moment. Fewer when fewer are left; SOLD_OUT when none are.
   * A retry with the same key and input answers with the first take's order.
   */
  async take(_ctx: Context, buyerId: string, input: TakeInput): Promise<Taken> {
    const { auctionId } = input;
    if (!auctionId) throw notFound('auctionId', 'Dutch auction');
    const { quantity, idempotencyKey } = validate(takeRules, input);
    const earlier = await this.db.repo(DutchTake).findOneBy({ buyerId, idempotencyKey });
    if (earlier) return replay(earlier, auctionId, quantity);
    try {
      return await this.db.transaction(async () => {
        const auction = await this.db.repo(DutchAuction).findOne({
          where: { id: auctionId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!auction) throw notFound('auctionId', 'Dutch auction');
        // The price of the moment, read under the lock: takes are priced in the order they commit.
        const [{ now }] = await this.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
        if (auction.status === DutchAuctionStatus.SOLD_OUT || auction.remaining === 0) {
          throw UserFacingError.of(
            'auctionId',
            UserErrorCode.SoldOut,
            'Every unit of this auction is taken.',
          );
        }
        const state = dutchStateAt(auction, now);
        if (state.status !== DutchAuctionStatus.RUNNING) {
          throw UserFacingError.of(
            'auctionId',
            UserErrorCode.NotOpen,
            state.status === DutchAuctionStatus.SCHEDULED
              ? 'This auction has not started yet.'
              : 'This auction has ended.',
          );
        }
        const got = Math.min(quantity, auction.remaining);
        const soldOut = got === auction.remaining;
        await this.db.query(
          `UPDATE dutch_auctions SET remaining = remaining - $2, updated_at = now(),
                  status = CASE WHEN $3 THEN 'SOLD_OUT'::dutch_auction_status ELSE status END,
                  final_price_minor = CASE WHEN $3 THEN $4::int ELSE final_price_minor END,
                  ended_at = CASE WHEN $3 THEN clock_timestamp() ELSE ended_at END
            WHERE id = $1`,
          [auction.id, got, soldOut, state.priceMinor],
        );
        const [order] = await this.orders.placeForAuction({
          source: OrderSource.DUTCH_AUCTION,
          auctionId: auction.id,
          merchantId: auction.merchantId,
          productId: auction.productId,
          currency: auction.currency,
          lines: [{ buyerId, quantity: got, unitPriceMinor: state.priceMinor }],
        });
        await this.db.repo(DutchTake).insert({
          auctionId: auction.id,
          buyerId,
          requested: quantity,
          quantity: got,
          unitPriceMinor: state.priceMinor,
          orderId: order.id,
          idempotencyKey,
        });
        await this.events.dutchAuctionChanged(auction.id);
        return { orderId: order.id, auctionId: auction.id };
      });
    } catch (error) {
      const twin =
        (error as { code?: string }).code === '23505' &&
        (await this.db.repo(DutchTake).findOneBy({ buyerId, idempotencyKey }));
      if (twin) return replay(twin, auctionId, quantity);
      throw error;
    }
  }

  schedule(auction: Pick<DutchAuction, 'id' | 'endsAt'>): Promise<void> {
    return this.jobs.schedule<DutchEndJob>(
      DUTCH_END_QUEUE,
      { auctionId: auction.id },
      auction.endsAt,
      `dutchAuction:${auction.id}`,
    );
  }

  /** Queues the end of every auction whose end passed while no instance ran. */
  async scheduleOverdue(): Promise<number> {
    const overdue = await this.db.query<{ id: string; endsAt: Date }>(
      `SELECT id, ends_at AS "endsAt" FROM dutch_auctions WHERE status IN ${LIVE_SQL} AND ends_at <= now()`,
    );
    for (const auction of overdue) await this.schedule(auction);
    return overdue.length;
  }

  /** The end job: ENDED, the unsold units back to stock; a no-op once sold out or ended. */
  async end(auctionId: string): Promise<boolean> {
    const ended = await this.db.transaction(async () => {
      const [row] = await this.db.query<{ productId: string; remaining: number }>(
        // In a WITH, so that the driver answers the rows (an UPDATE … RETURNING alone answers rows and a count).
        `WITH ended AS (
           UPDATE dutch_auctions SET status = 'ENDED', ended_at = ends_at, updated_at = now()
            WHERE id = $1 AND status IN ${LIVE_SQL} AND ends_at <= clock_timestamp()
           RETURNING product_id AS "productId", remaining)
         SELECT * FROM ended`,
        [auctionId],
      );
      if (!row) return false;
      await this.stock.release(row.productId, row.remaining);
      await this.events.dutchAuctionChanged(auctionId);
      return true;
    });
    if (!ended) {
      const [early] = await this.db.query<{ id: string; endsAt: Date }>(
        `SELECT id, ends_at AS "endsAt" FROM dutch_auctions
          WHERE id = $1 AND status IN ${LIVE_SQL} AND ends_at > clock_timestamp()`,
        [auctionId],
      );
      if (early) await this.schedule(early);
    }
    return ended;
  }
}

function replay(take: DutchTake, auctionId: string, quantity: number): Taken {
  if (take.auctionId === auctionId && take.requested === quantity) {
    return { orderId: take.orderId, auctionId: take.auctionId };
  }
  throw UserFacingError.of(
    'idempotencyKey',
    UserErrorCode.IdempotencyKeyReused,
    'This idempotency key was used for another take; use a new key for a new take.',
  );
}

/** The schedule in minor units, or every problem with the input as userErrors. */
function checkDutchInput(input: NewDutchAuction, currency: string): DutchSchedule {
  const errors: UserError[] = [];
  const money = (value: MoneyInput, field: string, allowZero = false): MinorAmount | null => {
    try {
      const parsed = parseMoney(value, field, { allowZero });
      if (parsed.currency !== currency) {
        errors.push(userError([field, 'currencyCode'], UserErrorCode.Invalid, `Prices are in ${currency}.`));
      }
      return parsed;
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      errors.push(...error.errors);
      return null;
    }
  };
  const start = money(input.startPrice, 'startPrice');
  const floor = money(input.floorPrice, 'floorPrice');
  const decrement = money(input.decrement, 'decrement', true);
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_UNITS) {
    errors.push(
      userError('quantity', UserErrorCode.OutOfRange, `The quantity must be between 1 and ${MAX_UNITS}.`),
    );
  }
  const now = Date.now();
  const startsAt = input.startsAt ?? new Date(now);
  if (startsAt.getTime() < now - START_TOLERANCE_MS) {
    errors.push(userError('startsAt', UserErrorCode.OutOfRange, 'The start cannot be in the past.'));
  }
  const schedule = {
    startsAt,
    startPriceMinor: start?.minor ?? 0,
    floorPriceMinor: floor?.minor ?? 0,
    decrementMinor: decrement?.minor ?? 1,
    intervalSeconds: input.intervalSeconds,
  };
  for (const p of scheduleProblems(schedule)) {
    if ((p.field === 'floorPrice' && (!start || !floor)) || (p.field === 'decrement' && !decrement)) continue;
    errors.push(userError(p.field, p.code, p.message));
  }
  if (errors.length) throw new UserFacingError(errors);
  return schedule;
}
