import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { JobQueue } from '../core/jobs/job-queue';
import { ProductStockService } from '../catalog/product-stock.service';
import { OrderSource } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { AuctionEvents } from './auction.events';
import { type CallAuction, CallAuctionStatus } from './call-auction.entity';
import { clear, type ClearingBid, type SupplyStepRow } from './clearing';
import { LimitBidStatus } from './limit-bid.entity';

export const CALL_QUEUE = 'call_auction_call';

export interface CallJob {
  auctionId: string;
}

interface LockedAuction {
  id: string;
  productId: string;
  merchantId: string;
  supply: SupplyStepRow[];
  totalSupply: number;
  currency: string;
}

/** What one call did: its status, price and units, and how long the transaction took. */
export interface CallOutcome {
  status: CallAuctionStatus;
  clearingPriceMinor: number | null;
  clearedQuantity: number;
  orders: number;
}

/**
 * The call of a call auction, as the job queue runs it at `callAt` on whichever instance takes the job. One
 * transaction: the auction's row locked FOR UPDATE and still OPEN with `callAt` passed (else nothing happens), the
 * book cleared by the pure rule (clearing.ts), every open bid's fill written, the status-guarded UPDATE to CLEARED
 * or NO_TRADE, one order per filled bid through the orders slice and the unsold units back to stock. A second
 * delivery, a second instance or a retry after a crash finds the status changed (or the first attempt rolled back)
 * and calls once.
 */
@Injectable()
export class CallClearingService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly stock: ProductStockService,
    private readonly orders: OrderService,
    private readonly events: AuctionEvents,
  ) {}

  schedule(auction: Pick<CallAuction, 'id' | 'callAt'>): Promise<void> {
    return this.jobs.schedule<CallJob>(
      CALL_QUEUE,
      { auctionId: auction.id },
      auction.callAt,
      `callAuction:${auction.id}`,
    );
  }

  /** Queues the call of every auction whose call time passed while no instance ran; the call is idempotent. */
  async scheduleOverdue(): Promise<number> {
    const overdue = await this.db.query<{ id: string; callAt: Date }>(
      `SELECT id, call_at AS "callAt" FROM call_auctions WHERE status = 'OPEN' AND call_at <= now()`,
    );
    for (const auction of overdue) await this.schedule(auction);
    return overdue.length;
  }

  /** The job. Null when there was nothing to do (called already, or early: then it is queued again). */
  async call(auctionId: string): Promise<CallOutcome | null> {
    const outcome = await this.db.transaction(async () => {
      const [auction] = await this.db.query<LockedAuction>(
        `SELECT id, product_id AS "productId", merchant_id AS "merchantId", supply, total_supply AS "totalSupply",
                currency
           FROM call_auctions WHERE id = $1 AND status = 'OPEN' AND call_at <= clock_timestamp() FOR UPDATE`,
        [auctionId],
      );
      if (!auction) return null;
      const bids = await this.db.query<ClearingBid & { buyerId: string }>(
        `SELECT id, buyer_id AS "buyerId", quantity, max_unit_price_minor AS "maxUnitPriceMinor",
                created_at AS "placedAt"
           FROM limit_bids WHERE auction_id = $1 AND status = 'OPEN'`,
        [auctionId],
      );
      const { point, fills } = clear(bids, auction.supply);
      const byId = new Map(bids.map((b) => [b.id, b]));
      // The filled bids get their units; every other open bid is UNFILLED, in one statement.
      const filled = fills.filter((f) => f.filled > 0);
      if (filled.length) {
        await this.db.query(
          `UPDATE limit_bids b SET status = f.status, filled_quantity = f.filled
             FROM unnest($1::uuid[], $2::int[], $3::limit_bid_status[]) AS f(id, filled, status)
            WHERE b.id = f.id`,
          [
            filled.map((f) => f.bidId),
            filled.map((f) => f.filled),
            filled.map((f) =>
              f.filled === byId.get(f.bidId)!.quantity
                ? LimitBidStatus.FILLED
                : LimitBidStatus.PARTIALLY_FILLED,
            ),
          ],
        );
      }
      await this.db.query(
        `UPDATE limit_bids SET status = 'UNFILLED' WHERE auction_id = $1 AND status = 'OPEN'`,
        [auctionId],
      );
      const cleared = point?.quantity ?? 0;
      const result = await this.db.query<{ id: string }>(
        `WITH called AS (
           UPDATE call_auctions SET status = $2, clearing_price_minor = $3, cleared_quantity = $4,
                  called_at = clock_timestamp(), updated_at = now()
            WHERE id = $1 AND status = 'OPEN' RETURNING id)
         SELECT * FROM called`,
        [
          auctionId,
          point ? CallAuctionStatus.CLEARED : CallAuctionStatus.NO_TRADE,
          point?.priceMinor ?? null,
          cleared,
        ],
      );
      if (result.length === 0) throw new Error('a locked open call auction changed under its lock');
      const lines = filled.map((f) => ({
        buyerId: byId.get(f.bidId)!.buyerId,
        quantity: f.filled,
        unitPriceMinor: point!.priceMinor,
      }));
      await this.orders.placeForAuction({
        source: OrderSource.CALL_AUCTION,
        auctionId,
        merchantId: auction.merchantId,
        productId: auction.productId,
        currency: auction.currency,
        lines,
      });
      await this.stock.release(auction.productId, auction.totalSupply - cleared);
      await this.events.callAuctionChanged(auctionId);
      return {
        status: point ? CallAuctionStatus.CLEARED : CallAuctionStatus.NO_TRADE,
        clearingPriceMinor: point?.priceMinor ?? null,
        clearedQuantity: cleared,
        orders: lines.length,
      };
    });
    if (!outcome) await this.rescheduleIfEarly(auctionId);
    return outcome;
  }

  private async rescheduleIfEarly(auctionId: string): Promise<void> {
    const [early] = await this.db.query<{ id: string; callAt: Date }>(
      `SELECT id, call_at AS "callAt" FROM call_auctions
        WHERE id = $1 AND status = 'OPEN' AND call_at > clock_timestamp()`,
      [auctionId],
    );
    if (early) await this.schedule(early);
  }
}
