import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { toConnection } from '../core/relay/connection';
import { Merchant } from '../catalog/merchant.entity';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Product } from '../catalog/product.entity';
import { UserLoaders } from '../users/user.loaders';
import { User } from '../users/user.entity';
import { ReviewListingService } from './review-listing.service';
import { ReviewLoaders } from './review.loaders';
import { ReviewTrustService } from './review-trust.service';
import { RatingSummary, ReviewConnection, ReviewOrder, TrustedRating } from './review.types';

/** What reviews add to products. */
@Injectable()
@Resolver(() => Product)
export class ProductReviewsResolver {
  constructor(
    private readonly listing: ReviewListingService,
    private readonly trust: ReviewTrustService,
  ) {}

  @FieldResolver(() => RatingSummary, { description: 'The plain summary of all reviews; never null.' })
  ratingSummary(@Root() product: Product): RatingSummary {
    return RatingSummary.of(product.ratingCount, product.ratingSum, product.ratingHistogram);
  }

  @FieldResolver(() => TrustedRating, {
    nullable: true,
    description:
      'The viewer’s personal rating from the reviews of people the viewer trusts; null when none of them reviewed it, or for anonymous viewers.',
  })
  async trustedRating(@Root() product: Product, @Ctx() ctx: Context): Promise<TrustedRating | null> {
    const rating = await this.trust.ratingFor(ctx, product);
    return rating && Object.assign(new TrustedRating(), rating);
  }

  @FieldResolver(() => ReviewConnection, { description: 'The reviews of this product.' })
  async reviews(
    @Root() product: Product,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Arg('orderBy', () => ReviewOrder, {
      nullable: true,
      defaultValue: ReviewOrder.NEWEST,
      description: 'The order; NEWEST by default.',
    })
    orderBy: ReviewOrder,
  ): Promise<object> {
    return toConnection(
      ReviewConnection,
      await this.listing.ofProduct(ctx, product, orderBy ?? ReviewOrder.NEWEST, page),
    );
  }
}

@Injectable()
@Resolver(() => TrustedRating)
export class TrustedRatingFieldsResolver {
  constructor(private readonly users: UserLoaders) {}

  @FieldResolver(() => [User], { description: 'Up to three of those reviewers, the most trusted first.' })
  async topTrustedReviewers(@Root() rating: TrustedRating, @Ctx() ctx: Context): Promise<User[]> {
    const reviewers = await this.users.of(ctx).byId.loadMany(rating.topTrustedReviewerIds);
    return reviewers.filter((u): u is User => !!u && !(u instanceof Error));
  }
}

/** What reviews add to merchants: the rating over all their products, and the reviews of them. */
@Injectable()
@Resolver(() => Merchant)
export class MerchantReviewsResolver {
  constructor(
    private readonly listing: ReviewListingService,
    private readonly loaders: ReviewLoaders,
  ) {}

  @FieldResolver(() => RatingSummary, {
    description: 'The summary of the reviews of all the shop’s products.',
  })
  async rating(@Root() merchant: Merchant, @Ctx() ctx: Context): Promise<RatingSummary> {
    const { count, sum, histogram } = await this.loaders.of(ctx).merchantRating.load(merchant.id);
    return RatingSummary.of(count, sum, histogram);
  }

  @FieldResolver(() => ReviewConnection, { description: 'The reviews of the shop’s products, newest first.' })
  async reviews(
    @Root() merchant: Merchant,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(ReviewConnection, await this.listing.ofMerchant(ctx, merchant.id, page));
  }
}
