import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Money } from '../core/money';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { Bid } from './bid.entity';
import { BiddingLoaders } from './bidding.loaders';
import { BidVisibilityPolicy, ViewerRole } from './bid-visibility.policy';
import { PriceRequest } from './price-request.entity';
import { ConnectionArgs } from '../core/relay/connection-args';
import { BidConnection } from './price-request.inputs';

/** The bids of a request, as the viewer may see them, and other derived fields; all through loaders. */
@Injectable()
@Resolver(() => PriceRequest)
export class PriceRequestFieldsResolver {
  constructor(
    private readonly visibility: BidVisibilityPolicy,
    private readonly loaders: BiddingLoaders,
  ) {}

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'The most the buyer pays per unit; null when no maximum was set.',
  })
  maxUnitPrice(@Root() request: PriceRequest): Money | null {
    return request.maxUnitPriceMinor === null ? null : Money.of(request.maxUnitPriceMinor, request.currency);
  }

  @FieldResolver(() => Bid, {
    nullable: true,
    description:
      'The lowest bid so far, shown to the buyer and to merchants (a competitor’s note stays hidden from them); null without bids, and for anyone else.',
  })
  async bestBid(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<Bid | null> {
    if (!request.bestBidId || (await this.visibility.role(ctx, request)) === ViewerRole.NONE) return null;
    return this.loaders.of(ctx).bidById.load(request.bestBidId);
  }

  @FieldResolver(() => Bid, {
    nullable: true,
    description:
      'The bid that won, for the buyer and the winning merchant; null before the award and for others.',
  })
  async awardedBid(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<Bid | null> {
    if (!request.awardedBidId) return null;
    const bid = await this.loaders.of(ctx).bidById.load(request.awardedBidId);
    return bid && (await this.visibility.seesDetails(ctx, request, bid)) ? bid : null;
  }

  @FieldResolver(() => BidConnection, {
    description:
      'The bids the viewer may see, best (lowest) first: all of them for the buyer, its own for a merchant, none for anyone else.',
  })
  async bids(
    @Root() request: PriceRequest,
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
  ): Promise<object> {
    const role = await this.visibility.role(ctx, request);
    if (role === ViewerRole.NONE) return emptyConnection(BidConnection);
    const key = { requestId: request.id, all: role === ViewerRole.BUYER };
    const loaders = this.loaders.of(ctx);
    const page = await loaders.bidPage(args).load(key);
    return toConnection(BidConnection, { ...page, totalCount: () => loaders.bidCount.load(key) });
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the viewer is the buyer or has joined the request.',
  })
  async viewerIsBuyer(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<boolean> {
    return (await this.visibility.role(ctx, request)) === ViewerRole.BUYER;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the request was made from a pool, whose members were invited to join it.',
  })
  isGroupRequest(@Root() request: PriceRequest): boolean {
    return request.poolId !== null;
  }
}
