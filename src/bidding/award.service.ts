import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { WebhookService } from '../apps/webhook.service';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { OrderService } from '../orders/order.service';
import { winsAtDeadline } from './auction-rules';
import { Bid } from './bid.entity';
import { BiddingNoticeService } from './bidding-notice.service';
import { DeadlineJobService } from './deadline-job.service';
import { PriceRequest, PriceRequestStatus } from './price-request.entity';
import { type LockedRequest, notFoundIn, PriceRequestService } from './price-request.service';

/**
 * Closing price requests: the buyer accepts a bid before the deadline, or the deadline job awards the best bid
 * at or under the maximum (or lets the request expire). Either way the status changes in a status-guarded
 * UPDATE in the same transaction as the orders, so the effect happens once however often a job runs, on
 * however many instances, and whatever a buyer does at the same moment.
 */
@Injectable()
export class AwardService {
  constructor(
    private readonly db: Database,
    private readonly requests: PriceRequestService,
    private readonly deadlines: DeadlineJobService,
    private readonly notices: BiddingNoticeService,
    private readonly orders: OrderService,
    private readonly webhooks: WebhookService,
  ) {}

  async accept(_ctx: Context, viewerId: string, bidId: string | null): Promise<PriceRequest> {
    return this.db.transaction(async () => {
      const bid = bidId ? await this.db.repo(Bid).findOneBy({ id: bidId }) : null;
      if (!bid) throw notFoundIn('bidId', 'bid');
      const locked = await this.requests.lock(bid.requestId, 'bidId');
      if (locked.request.buyerId !== viewerId) throw new ForbiddenError('Only the buyer can accept a bid.');
      this.requests.assertOpen(locked, 'bidId');
      await this.close(locked, bid, viewerId);
      return this.db.repo(PriceRequest).findOneByOrFail({ id: bid.requestId });
    });
  }

  /**
   * The deadline job. It re-reads the request under its lock: gone or closed, nothing to do; deadline moved by
   * a late bid, scheduled again for the new one; otherwise awarded to the best bid if it is at or under the
   * maximum, else expired.
   */
  async closeAtDeadline(requestId: string): Promise<void> {
    await this.db.transaction(async () => {
      const locked = await this.requests.lockIfExists(requestId);
      if (!locked || locked.request.status !== PriceRequestStatus.OPEN) return;
      const { request, now } = locked;
      if (now < request.deadline) return this.deadlines.schedule(request.id, request.deadline);
      const best =
        winsAtDeadline(request.bestBidMinor, request.maxUnitPriceMinor) && request.bestBidId
          ? await this.db.repo(Bid).findOneBy({ id: request.bestBidId })
          : null;
      await this.close(locked, best, null);
    });
  }

  /** AWARDED to `bid` with its orders, or EXPIRED without one; a no-op when the request is no longer OPEN. */
  private async close({ request }: LockedRequest, bid: Bid | null, actorId: string | null): Promise<boolean> {
    const update = this.db
      .repo(PriceRequest)
      .createQueryBuilder()
      .update()
      .set({
        status: bid ? PriceRequestStatus.AWARDED : PriceRequestStatus.EXPIRED,
        awardedBidId: bid?.id ?? null,
        closedAt: () => 'clock_timestamp()',
      })
      .where('id = :id AND status = :open', { id: request.id, open: PriceRequestStatus.OPEN });
    // The deadline job may only close a request whose deadline has passed; the buyer only one that is open.
    if (!actorId) update.andWhere('deadline <= clock_timestamp()');
    const { affected } = await update.execute();
    if (!affected) return false;
    const buyers = await this.requests.participants(request.id);
    if (bid) {
      // One order per participant, for that participant's quantity, at the winning unit price, from the winning merchant.
      await this.orders.placeForAward({
        requestId: request.id,
        title: request.title,
        productId: request.productId,
        merchantId: bid.merchantId,
        unitPriceMinor: bid.unitPriceMinor,
        currency: bid.currency,
        buyers,
      });
      await this.notices.awarded(request, bid, buyers, actorId);
      await this.webhooks.record('price_request.awarded', [request.id]);
    } else {
      await this.notices.expired(request, buyers);
    }
    await this.requests.published(request.id);
    return true;
  }
}
