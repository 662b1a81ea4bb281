import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { Merchant } from '../catalog/merchant.entity';
import { RatingSummary } from '../reviews/review.types';
import { User } from '../users/user.entity';
import { RateOrderInput, RateOrderPayload } from './order-lifecycle.inputs';
import { OrderRatingLoaders } from './order-rating.loaders';
import { OrderRatingService } from './order-rating.service';

@Injectable()
@Resolver()
export class OrderRatingResolver {
  constructor(private readonly ratings: OrderRatingService) {}

  @Authorized()
  @Mutation(() => RateOrderPayload, {
    description:
      'Rates the other side of a completed order, once, within 30 days: the buyer rates the shop, the shop’s staff rate the buyer. Double-blind: a rating shows once both sides rated, or 14 days after completion.',
  })
  rateOrder(
    @Arg('input', { description: 'The order, the rating (1–5) and an optional comment.' })
    input: RateOrderInput,
    @Ctx() ctx: Context,
  ): Promise<RateOrderPayload> {
    return toPayload(
      RateOrderPayload,
      () =>
        this.ratings.rate(requireViewer(ctx), localId(input.orderId, 'Order'), {
          rating: input.rating,
          comment: input.comment,
        }),
      (order) => ({ order }),
    );
  }
}

@Injectable()
@Resolver(() => Merchant)
export class MerchantRatingResolver {
  constructor(private readonly loaders: OrderRatingLoaders) {}

  @FieldResolver(() => RatingSummary, {
    description:
      'What buyers said of the shop after their trades (rateOrder), apart from product reviews; only ratings that show count.',
  })
  async sellerRating(@Root() merchant: Merchant, @Ctx() ctx: Context): Promise<RatingSummary> {
    const f = await this.loaders.of(ctx).ofMerchant.load(merchant.id);
    return RatingSummary.of(f.count, f.sum, f.histogram);
  }
}

@Injectable()
@Resolver(() => User)
export class BuyerRatingResolver {
  constructor(private readonly loaders: OrderRatingLoaders) {}

  @FieldResolver(() => RatingSummary, {
    nullable: true,
    description:
      'What shops said of this person as a buyer; for the person and for staff of shops holding an order from them, null for anyone else.',
  })
  async buyerRating(@Root() user: User, @Ctx() ctx: Context): Promise<RatingSummary | null> {
    const loaders = this.loaders.of(ctx);
    if (ctx.viewer?.id !== user.id && !(await loaders.viewerServed.load(user.id))) return null;
    const f = await loaders.ofBuyer.load(user.id);
    return RatingSummary.of(f.count, f.sum, f.histogram);
  }
}
