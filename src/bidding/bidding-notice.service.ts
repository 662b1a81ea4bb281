import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import type { Bid } from './bid.entity';
import type { Participant } from './price-request.service';
import type { PriceRequest } from './price-request.entity';

/**
 * Notification kinds of the bidding slice, stable for clients. Each carries `{ requestId, title }` (the request's
 * database id and title), an award also `bidId`; how each reads is in bidding.notification-kinds.ts.
 */
export const BiddingNotice = {
  /** To each buyer of an awarded request but the one who accepted. */
  Awarded: 'PRICE_REQUEST_AWARDED',
  /** To the staff of the winning merchant. */
  BidWon: 'BID_WON',
  /** To each buyer of a request that closed without a winner. */
  Expired: 'PRICE_REQUEST_EXPIRED',
  /** To the other buyers and the staff of every merchant that bid. */
  Cancelled: 'PRICE_REQUEST_CANCELLED',
  /** To the other members of the pool a request was made from: they may join it with a quantity of their own. */
  Invitation: 'PRICE_REQUEST_INVITATION',
} as const;

/** Tells the people involved when a price request closes; in the closing transaction, published after commit. */
@Injectable()
export class BiddingNoticeService {
  constructor(
    private readonly db: Database,
    private readonly sender: NotificationSenderService,
  ) {}

  async awarded(
    request: PriceRequest,
    bid: Bid,
    buyers: Participant[],
    actorId: string | null,
  ): Promise<void> {
    const data = { ...about(request), bidId: bid.id };
    for (const { buyerId } of buyers) {
      if (buyerId !== actorId) await this.sender.send(buyerId, BiddingNotice.Awarded, data, actorId);
    }
    for (const userId of await this.staffOf([bid.merchantId])) {
      await this.sender.send(userId, BiddingNotice.BidWon, data, actorId);
    }
  }

  /** Invites the members of the pool the request was made from, from its creator. */
  async invited(request: PriceRequest, inviteeIds: string[], creatorId: string): Promise<void> {
    const data = { ...about(request), poolId: request.poolId };
    for (const userId of inviteeIds)
      await this.sender.send(userId, BiddingNotice.Invitation, data, creatorId);
  }

  async expired(request: PriceRequest, buyers: Participant[]): Promise<void> {
    for (const { buyerId } of buyers) {
      await this.sender.send(buyerId, BiddingNotice.Expired, about(request));
    }
  }

  /**
   * Everyone involved but `by` (the buyer who withdrew it, or whose account is being erased) is told; from
   * `actorId`, which is null when nobody is to be named.
   */
  async cancelled(
    request: PriceRequest,
    buyers: Participant[],
    by: string,
    actorId: string | null,
  ): Promise<void> {
    const bidders = await this.db.query<{ merchant_id: string }>(
      'SELECT DISTINCT merchant_id FROM bids WHERE request_id = $1',
      [request.id],
    );
    const staff = await this.staffOf(bidders.map((b) => b.merchant_id));
    const recipients = new Set([...buyers.map((b) => b.buyerId), ...staff]);
    recipients.delete(by);
    for (const userId of recipients) {
      await this.sender.send(userId, BiddingNotice.Cancelled, about(request), actorId);
    }
  }

  private async staffOf(merchantIds: string[]): Promise<string[]> {
    if (!merchantIds.length) return [];
    const rows = await this.db.query<{ user_id: string }>(
      'SELECT DISTINCT user_id FROM merchant_staff WHERE merchant_id = ANY($1::uuid[])',
      [merchantIds],
    );
    return rows.map((r) => r.user_id);
  }
}

const about = (request: PriceRequest) => ({ requestId: request.id, title: request.title });
