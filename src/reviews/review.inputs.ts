import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { Review } from './review.entity';

@InputType({ description: 'A review of a product; writing again edits one’s review.' })
export class WriteReviewInput {
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @Field(() => Int, { description: 'From 1 (poor) to 5 (excellent).' })
  rating: number;

  @Field({ description: 'A headline, 1–120 characters.' })
  title: string;

  @Field({ description: 'The text, up to 5,000 characters; may be empty.' })
  body: string;
}

@ObjectType({ description: 'The result of writeReview.' })
export class WriteReviewPayload extends Payload {
  @Field(() => Review, { nullable: true, description: 'The review as written.' })
  review?: Review | null;
}

@InputType({ description: 'A review to delete; only its author may.' })
export class DeleteReviewInput {
  @Field(() => ID, { description: 'The review.' })
  reviewId: string;
}

@ObjectType({ description: 'The result of deleteReview.' })
export class DeleteReviewPayload extends Payload {}

@InputType({ description: 'A review someone found helpful.' })
export class MarkReviewHelpfulInput {
  @Field(() => ID, { description: 'The review; not one’s own.' })
  reviewId: string;
}

@ObjectType({ description: 'The result of markReviewHelpful.' })
export class MarkReviewHelpfulPayload extends Payload {
  @Field(() => Review, { nullable: true, description: 'The review with its helpful count.' })
  review?: Review | null;
}

@InputType({ description: 'The merchant’s reply to a review of one of its products.' })
export class ReplyToReviewInput {
  @Field(() => ID, { description: 'The review.' })
  reviewId: string;

  @Field({ description: 'The reply, 1–2,000 characters; replaces an earlier reply.' })
  body: string;
}

@ObjectType({ description: 'The result of replyToReview.' })
export class ReplyToReviewPayload extends Payload {
  @Field(() => Review, { nullable: true, description: 'The review with its reply.' })
  review?: Review | null;
}
