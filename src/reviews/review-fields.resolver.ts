import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Product } from '../catalog/product.entity';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { Review } from './review.entity';
import { ReviewLoaders } from './review.loaders';
import { ReviewTrustService } from './review-trust.service';
import { ReviewReply } from './review.types';

@Injectable()
@Resolver(() => Review)
export class ReviewFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly catalog: CatalogLoaders,
    private readonly loaders: ReviewLoaders,
    private readonly trust: ReviewTrustService,
  ) {}

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who wrote it; null once the account was erased.',
  })
  author(@Root() review: Review, @Ctx() ctx: Context): Promise<User | null> | User | null {
    // Reviews are read with their authors (ReviewsWithAuthors); one made by a mutation is not.
    if (review.author !== undefined) return review.author;
    return review.authorId ? this.users.of(ctx).byId.load(review.authorId) : null;
  }

  @FieldResolver(() => Product, { description: 'The product reviewed.' })
  async product(@Root() review: Review, @Ctx() ctx: Context): Promise<Product> {
    return (await this.catalog.of(ctx).productById.load(review.productId))!;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'The viewer’s propagated trust in the author, in (0, 1]; null for strangers (beyond 3 hops), oneself and anonymous viewers.',
  })
  viewerTrust(@Root() review: Review, @Ctx() ctx: Context): Promise<number | null> {
    return this.trust.trustInAuthor(ctx, review);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the author has ordered this product on Dorfmarkt.' })
  async verifiedPurchase(@Root() review: Review, @Ctx() ctx: Context): Promise<boolean> {
    if (!review.authorId) return false;
    return this.loaders.of(ctx).verifiedPurchase.load(`${review.authorId}:${review.productId}`);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer has marked this review helpful.' })
  viewerHasMarkedHelpful(@Root() review: Review, @Ctx() ctx: Context): Promise<boolean> {
    return this.loaders.of(ctx).viewerMarkedHelpful.load(review.id);
  }

  @FieldResolver(() => ReviewReply, { nullable: true, description: 'The merchant’s reply, if any.' })
  reply(@Root() review: Review): ReviewReply | null {
    if (review.replyBody === null || !review.repliedAt) return null;
    return Object.assign(new ReviewReply(), {
      body: review.replyBody,
      authorId: review.replyAuthorId,
      createdAt: review.repliedAt,
    });
  }
}

@Injectable()
@Resolver(() => ReviewReply)
export class ReviewReplyFieldsResolver {
  constructor(private readonly users: UserLoaders) {}

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The staff member who replied for the shop; null once the account was erased.',
  })
  author(@Root() reply: ReviewReply, @Ctx() ctx: Context): Promise<User | null> | null {
    return reply.authorId ? this.users.of(ctx).byId.load(reply.authorId) : null;
  }
}
