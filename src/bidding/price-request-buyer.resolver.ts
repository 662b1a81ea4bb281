import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { BiddingLoaders } from './bidding.loaders';
import { PriceRequest, PriceRequestStatus } from './price-request.entity';

@Injectable()
@Resolver(() => PriceRequest)
export class PriceRequestBuyerResolver {
  constructor(
    private readonly loaders: BiddingLoaders,
    private readonly users: UserLoaders,
  ) {}

  @FieldResolver(() => User, {
    nullable: true,
    description:
      'Who posted the request, for that person and, once awarded, the winning shop’s staff (whom to deliver to); null for anyone else and once erased.',
  })
  async buyer(@Root() request: PriceRequest, @Ctx() ctx: Context): Promise<User | null> {
    if (!request.buyerId || !ctx.viewer) return null;
    if (request.buyerId !== ctx.viewer.id) {
      if (request.status !== PriceRequestStatus.AWARDED || !request.awardedBidId) return null;
      const loaders = this.loaders.of(ctx);
      const bid = await loaders.bidById.load(request.awardedBidId);
      if (!bid || !(await loaders.viewerMerchantIds()).includes(bid.merchantId)) return null;
    }
    return this.users.of(ctx).byId.load(request.buyerId);
  }
}
