import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { Review } from './review.entity';
import {
  DeleteReviewInput,
  DeleteReviewPayload,
  MarkReviewHelpfulInput,
  MarkReviewHelpfulPayload,
  ReplyToReviewInput,
  ReplyToReviewPayload,
  WriteReviewInput,
  WriteReviewPayload,
} from './review.inputs';
import { ReviewService } from './review.service';

@Injectable()
@Resolver(() => Review)
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @Authorized()
  @Mutation(() => WriteReviewPayload, {
    description:
      'Writes the signed-in user’s review of a product, or edits it if there is one (one per person).',
  })
  writeReview(
    @Arg('input', { description: 'The product, the rating from 1 to 5, a title and a text.' })
    input: WriteReviewInput,
    @Ctx() ctx: Context,
  ): Promise<WriteReviewPayload> {
    const { productId, ...text } = input;
    return toPayload(
      WriteReviewPayload,
      () => this.reviews.write(ctx, requireViewer(ctx), localId(productId, 'Product'), text),
      (review) => ({ review }),
    );
  }

  @Authorized()
  @Mutation(() => DeleteReviewPayload, { description: 'Deletes one’s own review.' })
  deleteReview(
    @Arg('input', { description: 'The review to delete (your own).' }) input: DeleteReviewInput,
    @Ctx() ctx: Context,
  ): Promise<DeleteReviewPayload> {
    return toPayload(DeleteReviewPayload, () =>
      this.reviews.delete(ctx, requireViewer(ctx), localId(input.reviewId, 'Review')),
    );
  }

  @Authorized()
  @Mutation(() => MarkReviewHelpfulPayload, {
    description: 'Marks someone else’s review helpful; idempotent: a repeated vote changes nothing.',
  })
  markReviewHelpful(
    @Arg('input', { description: 'The review you found helpful.' }) input: MarkReviewHelpfulInput,
    @Ctx() ctx: Context,
  ): Promise<MarkReviewHelpfulPayload> {
    return toPayload(
      MarkReviewHelpfulPayload,
      () => this.reviews.markHelpful(ctx, requireViewer(ctx), localId(input.reviewId, 'Review')),
      (review) => ({ review }),
    );
  }

  @Authorized()
  @Mutation(() => ReplyToReviewPayload, {
    description:
      'The merchant’s one reply to a review of its product (again replaces it). Staff of the shop only.',
  })
  replyToReview(
    @Arg('input', { description: "The review and the shop's reply to it." }) input: ReplyToReviewInput,
    @Ctx() ctx: Context,
  ): Promise<ReplyToReviewPayload> {
    return toPayload(
      ReplyToReviewPayload,
      () => this.reviews.reply(ctx, requireViewer(ctx), localId(input.reviewId, 'Review'), input.body),
      (review) => ({ review }),
    );
  }
}
