import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireViewer } from '../core/auth/auth-checker';
import { type Context, resetLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { type AuctionChanged, auctionFeed, callAuctionTopic, AuctionEvents } from './auction.events';
import {
  CallAuctionConnection,
  CallAuctionsArgs,
  CreateCallAuctionInput,
  CreateCallAuctionPayload,
  PlaceLimitBidInput,
  PlaceLimitBidPayload,
  WithdrawLimitBidInput,
  WithdrawLimitBidPayload,
} from './auction.inputs';
import { AuctionLoaders } from './auction.loaders';
import { CallAuction } from './call-auction.entity';
import { CallAuctionService } from './call-auction.service';

@Injectable()
@Resolver(() => CallAuction)
export class CallAuctionResolver {
  constructor(
    private readonly auctions: CallAuctionService,
    private readonly loaders: AuctionLoaders,
  ) {}

  @Query(() => CallAuction, { nullable: true, description: 'A call auction; null when there is none.' })
  callAuction(
    @Arg('id', () => ID, { description: 'The auction’s global ID.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<CallAuction | null> | null {
    const auctionId = localId(id, 'CallAuction');
    return auctionId ? this.loaders.of(ctx).callById.load(auctionId) : null;
  }

  @Query(() => CallAuctionConnection, { description: 'Call auctions, newest first.' })
  callAuctions(@Args() { status, ...page }: CallAuctionsArgs, @Ctx() ctx: Context): Promise<object> {
    return this.auctions.list(ctx, status, page);
  }

  @Authorized()
  @Mutation(() => CreateCallAuctionPayload, {
    description:
      'Offers a product of your merchant in a call auction: supply steps with rising minimum prices (their total reserved from the stock) and a call time in the future.',
  })
  createCallAuction(
    @Arg('input', { description: 'The input of this mutation.' }) input: CreateCallAuctionInput,
    @Ctx() ctx: Context,
  ): Promise<CreateCallAuctionPayload> {
    return toPayload(
      CreateCallAuctionPayload,
      () =>
        this.auctions.create(ctx, requireViewer(ctx), {
          ...input,
          productId: localId(input.productId, 'Product'),
        }),
      (callAuction) => ({ callAuction }),
    );
  }

  @Authorized()
  @Mutation(() => PlaceLimitBidPayload, {
    description:
      'Bids for up to so many units at up to a unit price; filled at the call, at the clearing price, by price then time.',
  })
  placeLimitBid(
    @Arg('input', { description: 'The input of this mutation.' }) input: PlaceLimitBidInput,
    @Ctx() ctx: Context,
  ): Promise<PlaceLimitBidPayload> {
    return toPayload(
      PlaceLimitBidPayload,
      async () => {
        const bid = await this.auctions.placeBid(ctx, requireViewer(ctx), {
          ...input,
          auctionId: localId(input.auctionId, 'CallAuction'),
        });
        return { bid, callAuction: await this.reread(ctx, bid.auctionId) };
      },
      (result) => result,
    );
  }

  @Authorized()
  @Mutation(() => WithdrawLimitBidPayload, {
    description: 'Withdraws one’s open limit bid before the call time.',
  })
  withdrawLimitBid(
    @Arg('input', { description: 'The input of this mutation.' }) input: WithdrawLimitBidInput,
    @Ctx() ctx: Context,
  ): Promise<WithdrawLimitBidPayload> {
    return toPayload(
      WithdrawLimitBidPayload,
      async () => {
        const auctionId = await this.auctions.withdraw(
          ctx,
          requireViewer(ctx),
          localId(input.bidId, 'LimitBid'),
        );
        return { callAuction: await this.reread(ctx, auctionId) };
      },
      (result) => result,
    );
  }

  @Subscription(() => CallAuction, {
    description:
      'The auction as it is now, then after every bid, withdrawal and the call (indicativePrice and indicativeQuantity follow the book), from whichever instance made the change. Bursts may be merged; the last state sent is the true one.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const id = localId(args.auctionId as string, 'CallAuction');
      return (async () => {
        if (!id || !(await ctx.container.get(AuctionLoaders).of(ctx).callById.load(id))) {
          throw new GraphQLError('There is no call auction with this ID.', {
            extensions: { code: 'NOT_FOUND' },
          });
        }
        return auctionFeed(id, ctx.container.get(AuctionEvents).subscribe(callAuctionTopic(id)));
      })();
    },
  })
  async callAuctionUpdated(
    @Root() change: AuctionChanged,
    @Arg('auctionId', () => ID, { description: 'The call auction to follow.' }) _auctionId: string,
    @Ctx() ctx: Context,
  ): Promise<CallAuction> {
    resetLoaders(ctx);
    const auction = await this.loaders.of(ctx).callById.load(change.id);
    if (!auction) {
      throw new GraphQLError('The call auction no longer exists.', { extensions: { code: 'NOT_FOUND' } });
    }
    return auction;
  }

  /** The auction after a change, with loaders that have not seen it before. */
  private reread(ctx: Context, auctionId: string): Promise<CallAuction | null> {
    resetLoaders(ctx);
    return this.loaders.of(ctx).callById.load(auctionId);
  }
}
