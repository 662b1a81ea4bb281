import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { type Context, resetLoaders } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { toConnection } from '../core/relay/connection';
import { localId } from '../core/relay/global-id';
import { AwardService } from './award.service';
import { BiddingLoaders } from './bidding.loaders';
import { BiddingService } from './bidding.service';
import { PriceRequest } from './price-request.entity';
import type { PriceRequestChanged } from './price-request.events';
import {
  AcceptBidInput,
  AcceptBidPayload,
  CancelPriceRequestInput,
  CancelPriceRequestPayload,
  CreatePriceRequestInput,
  CreatePriceRequestPayload,
  PlaceBidInput,
  PlaceBidPayload,
  PriceRequestConnection,
  PriceRequestsArguments,
} from './price-request.inputs';
import { PriceRequestService } from './price-request.service';

@Injectable()
@Resolver(() => PriceRequest)
export class PriceRequestResolver {
  constructor(
    private readonly requests: PriceRequestService,
    private readonly bidding: BiddingService,
    private readonly awards: AwardService,
    private readonly loaders: BiddingLoaders,
  ) {}

  @Query(() => PriceRequest, {
    nullable: true,
    description: 'A price request by ID; null when there is none.',
  })
  priceRequest(
    @Arg('id', () => ID, { description: 'The price request’s global ID.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<PriceRequest | null> | null {
    const local = localId(id, 'PriceRequest');
    return local ? this.loaders.of(ctx).requestById.load(local) : null;
  }

  @Query(() => PriceRequestConnection, {
    description:
      'Price requests for merchants looking for work, newest first. Bids show as each request says.',
  })
  async priceRequests(
    @Args() { status, category, region, ...page }: PriceRequestsArguments,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(
      PriceRequestConnection,
      await this.requests.list(ctx, { status, category, region }, page),
    );
  }

  @Authorized()
  @Mutation(() => CreatePriceRequestPayload, {
    description:
      'Posts a price request for merchants to bid on, its creator the first participant; others may join it (joinPriceRequest). With `poolId` it asks for the pool’s product and invites the pool’s other members; the pool is never cancelled by it.',
  })
  createPriceRequest(
    @Arg('input', {
      description:
        'What is wanted: title, description, category, quantity, deadline, optionally a maximum unit price, a region and a pool.',
    })
    input: CreatePriceRequestInput,
    @Ctx() ctx: Context,
  ): Promise<CreatePriceRequestPayload> {
    return toPayload(
      CreatePriceRequestPayload,
      () =>
        this.requests.create(ctx, requireViewer(ctx), {
          ...input,
          poolId: input.poolId == null ? undefined : localId(input.poolId, 'GroupBuyPool'),
        }),
      (priceRequest) => ({ priceRequest }),
    );
  }

  @Authorized()
  @Mutation(() => PlaceBidPayload, {
    description:
      'Bids a unit price for a merchant the viewer works for. Refused with BID_TOO_HIGH unless it beats the best bid by the minimum decrement; a bid in the last BID_EXTENSION_WINDOW seconds moves the deadline.',
  })
  placeBid(
    @Arg('input', { description: 'The price request and the unit price the shop bids.' })
    input: PlaceBidInput,
    @Ctx() ctx: Context,
  ): Promise<PlaceBidPayload> {
    return toPayload(
      PlaceBidPayload,
      () =>
        this.bidding.placeBid(ctx, requireViewer(ctx), {
          ...input,
          requestId: localId(input.requestId, 'PriceRequest'),
          merchantId: input.merchantId == null ? undefined : localId(input.merchantId, 'Merchant'),
        }),
      ({ bid, request }) => ({ bid, priceRequest: request }),
    );
  }

  @Authorized()
  @Mutation(() => AcceptBidPayload, {
    description:
      'The buyer accepts any bid before the deadline: the request is AWARDED and its orders placed.',
  })
  acceptBid(
    @Arg('input', { description: 'The bid the buyer accepts.' }) input: AcceptBidInput,
    @Ctx() ctx: Context,
  ): Promise<AcceptBidPayload> {
    return toPayload(
      AcceptBidPayload,
      () => this.awards.accept(ctx, requireViewer(ctx), localId(input.bidId, 'Bid')),
      (priceRequest) => ({ priceRequest }),
    );
  }

  @Authorized()
  @Mutation(() => CancelPriceRequestPayload, { description: 'The buyer withdraws an open price request.' })
  cancelPriceRequest(
    @Arg('input', { description: 'The price request to withdraw.' }) input: CancelPriceRequestInput,
    @Ctx() ctx: Context,
  ): Promise<CancelPriceRequestPayload> {
    return toPayload(
      CancelPriceRequestPayload,
      () => this.requests.cancel(ctx, requireViewer(ctx), localId(input.requestId, 'PriceRequest')),
      (priceRequest) => ({ priceRequest }),
    );
  }

  @Subscription(() => PriceRequest, {
    description:
      'The request as it is now, then again on every new best bid and status change, from whichever instance made it; each time as the subscriber may see it.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const id = localId(args.requestId, 'PriceRequest');
      const changes = id && (await ctx.container.get(PriceRequestService).watch(ctx, id));
      if (!changes)
        throw new GraphQLError('There is no price request with this ID.', {
          extensions: { code: 'NOT_FOUND' },
        });
      return changes;
    },
  })
  async priceRequestUpdated(
    @Root() change: PriceRequestChanged,
    @Arg('requestId', () => ID, { description: 'The price request to follow.' }) _requestId: string,
    @Ctx() ctx: Context,
  ): Promise<PriceRequest> {
    resetLoaders(ctx);
    const request = await this.loaders.of(ctx).requestById.load(change.id);
    if (!request)
      throw new GraphQLError('The price request no longer exists.', { extensions: { code: 'NOT_FOUND' } });
    return request;
  }
}
