import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../core/relay/connection';
import { Review } from './review.entity';

export enum ReviewOrder {
  MOST_TRUSTED = 'MOST_TRUSTED',
  NEWEST = 'NEWEST',
  MOST_HELPFUL = 'MOST_HELPFUL',
  HIGHEST = 'HIGHEST',
  LOWEST = 'LOWEST',
}

registerEnumType(ReviewOrder, {
  name: 'ReviewOrder',
  description: 'How to order reviews.',
  valuesConfig: {
    MOST_TRUSTED: {
      description:
        'Reviews by the people the viewer trusts most first (propagated trust), then the most helpful, then the newest.',
    },
    NEWEST: { description: 'The newest first.' },
    MOST_HELPFUL: { description: 'The most often marked helpful first.' },
    HIGHEST: { description: 'The highest rating first.' },
    LOWEST: { description: 'The lowest rating first.' },
  },
});

export const { Connection: ReviewConnection } = connectionOf('Review', () => Review, 'review');

@ObjectType({ description: 'How many reviews gave one rating.' })
export class RatingCount {
  @Field(() => Int, { description: 'The rating, 1–5.' })
  rating: number;

  @Field(() => Int, { description: 'How many reviews gave it.' })
  count: number;
}

@ObjectType({ description: 'The plain summary of all reviews, the same for everyone.' })
export class RatingSummary {
  @Field(() => Float, { nullable: true, description: 'The mean rating; null without reviews.' })
  average: number | null;

  @Field(() => Int, { description: 'How many reviews there are.' })
  count: number;

  @Field(() => [RatingCount], { description: 'How many reviews gave each rating, from 1 to 5.' })
  distribution: RatingCount[];

  static of(count: number, sum: number, histogram: number[]): RatingSummary {
    return Object.assign(new RatingSummary(), {
      average: count ? sum / count : null,
      count,
      distribution: histogram.map((n, i) => Object.assign(new RatingCount(), { rating: i + 1, count: n })),
    });
  }
}

@ObjectType({
  description:
    'The viewer’s personal rating of a product: the product’s and the viewer’s baseline, moved by the reviews of ' +
    'the people the viewer trusts, each weighted by the viewer’s propagated trust in them.',
})
export class TrustedRating {
  @Field(() => Float, { description: 'The estimate, 1–5.' })
  value: number;

  @Field(() => Int, { description: 'How many reviews by people the viewer trusts it rests on.' })
  basedOn: number;

  @Field(() => Float, {
    description:
      'From 0 to 1: how much the trusted reviews weigh against the baseline (more and closer trust, more).',
  })
  confidence: number;

  /** Up to three of those reviewers, the most trusted first; loaded only when asked for (a field resolver). */
  topTrustedReviewerIds: string[];
}

@ObjectType({ description: 'The merchant’s reply to a review.' })
export class ReviewReply {
  @Field({ description: 'The reply.' })
  body: string;

  /** The staff member who wrote it; resolved by a field resolver. */
  authorId: string | null;

  @Field({ description: 'When the reply was written or last changed.' })
  createdAt: Date;
}
