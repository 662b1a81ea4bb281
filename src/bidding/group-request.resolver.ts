import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { BiddingLoaders } from './bidding.loaders';
import {
  JoinPriceRequestInput,
  JoinPriceRequestPayload,
  LeavePriceRequestInput,
  LeavePriceRequestPayload,
} from './group-request.inputs';
import { GroupRequestService } from './group-request.service';
import { PriceRequest } from './price-request.entity';

/** The group that forms around a price request: joining, leaving, and how many take part. */
@Injectable()
@Resolver(() => PriceRequest)
export class GroupRequestResolver {
  constructor(
    private readonly groups: GroupRequestService,
    private readonly loaders: BiddingLoaders,
  ) {}

  @Authorized()
  @Mutation(() => JoinPriceRequestPayload, {
    description:
      'Joins an open price request with a quantity of the viewer’s own (again: sets it); the request’s quantity is the sum of its participants’. At the award each participant gets an order for their quantity.',
  })
  joinPriceRequest(
    @Arg('input', { description: 'The request, the quantity and an idempotency key.' })
    input: JoinPriceRequestInput,
    @Ctx() ctx: Context,
  ): Promise<JoinPriceRequestPayload> {
    return toPayload(
      JoinPriceRequestPayload,
      () =>
        this.groups.join(ctx, requireViewer(ctx), {
          ...input,
          requestId: localId(input.requestId, 'PriceRequest'),
        }),
      (priceRequest) => ({ priceRequest }),
    );
  }

  @Authorized()
  @Mutation(() => LeavePriceRequestPayload, {
    description:
      'Leaves a price request the viewer joined, until it is awarded; its quantity goes with them.',
  })
  leavePriceRequest(
    @Arg('input', { description: 'The request to leave.' }) input: LeavePriceRequestInput,
    @Ctx() ctx: Context,
  ): Promise<LeavePriceRequestPayload> {
    return toPayload(
      LeavePriceRequestPayload,
      () => this.groups.leave(ctx, requireViewer(ctx), localId(input.requestId, 'PriceRequest')),
      (priceRequest) => ({ priceRequest }),
    );
  }

  @FieldResolver(() => Int, { description: 'How many people take part, its creator included.' })
  participantCount(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<number> {
    return this.loaders.of(ctx).participantCount.load(request.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The viewer’s own quantity in this request; null unless the viewer takes part.',
  })
  viewerQuantity(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<number | null> {
    return this.loaders.of(ctx).viewerQuantity.load(request.id);
  }
}
