import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import type { Bid } from './bid.entity';
import { BiddingLoaders } from './bidding.loaders';
import type { PriceRequest } from './price-request.entity';

/** How the viewer stands toward a price request, which decides what of its bids they see. */
export enum ViewerRole {
  /** The buyer, or anyone who joined the request: sees every bid. */
  BUYER = 'BUYER',
  /** Staff of any merchant: sees the best price and the bids of its own merchants. */
  MERCHANT = 'MERCHANT',
  /** Anyone else: sees none of the bids. */
  NONE = 'NONE',
}

/**
 * The one place that decides who sees which bids: the buyer every bid; a merchant the current best price and
 * its own bids, never who else bid; anyone else nothing. Everything is batched per operation.
 */
@Injectable()
export class BidVisibilityPolicy {
  constructor(private readonly loaders: BiddingLoaders) {}

  async role(ctx: Context, request: PriceRequest): Promise<ViewerRole> {
    const viewerId = ctx.viewer?.id;
    if (!viewerId) return ViewerRole.NONE;
    if (viewerId === request.buyerId) return ViewerRole.BUYER;
    if ((await this.loaders.of(ctx).viewerQuantity.load(request.id)) !== null) return ViewerRole.BUYER;
    return (await this.loaders.of(ctx).viewerMerchantIds()).length ? ViewerRole.MERCHANT : ViewerRole.NONE;
  }

  /** Whether the viewer's merchants placed the bid. */
  async isOwn(ctx: Context, bid: Bid): Promise<boolean> {
    return (await this.loaders.of(ctx).viewerMerchantIds()).includes(bid.merchantId);
  }

  /** Whether the viewer sees `bid` at all; a merchant sees a competitor's bid only while it is the best. */
  async canSee(ctx: Context, request: PriceRequest, bid: Bid): Promise<boolean> {
    const role = await this.role(ctx, request);
    if (role === ViewerRole.BUYER) return true;
    if (role === ViewerRole.NONE) return false;
    return bid.id === request.bestBidId || (await this.isOwn(ctx, bid));
  }

  /** Whether the viewer sees who placed `bid` and its note: the buyer and the bidding merchant only. */
  async seesDetails(ctx: Context, request: PriceRequest, bid: Bid): Promise<boolean> {
    const role = await this.role(ctx, request);
    return role === ViewerRole.BUYER || (role === ViewerRole.MERCHANT && (await this.isOwn(ctx, bid)));
  }

  /** Bids by id, null where missing or hidden from the viewer; for `node(id:)`. */
  async bidsById(ctx: Context, ids: readonly string[]): Promise<Array<Bid | null>> {
    const { bidById, requestById } = this.loaders.of(ctx);
    return Promise.all(
      ids.map(async (id) => {
        const bid = await bidById.load(id);
        const request = bid && (await requestById.load(bid.requestId));
        return bid && request && (await this.canSee(ctx, request, bid)) ? bid : null;
      }),
    );
  }
}
