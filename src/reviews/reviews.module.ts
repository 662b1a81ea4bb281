import { UserReviewsResolver } from './user-reviews.resolver';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import type { DomainModule } from '../core/module';
import { orNull } from '../core/relay/node';
import { Answer } from './answer.entity';
import { AnswerVote } from './answer-vote.entity';
import {
  MerchantReviewsResolver,
  ProductReviewsResolver,
  TrustedRatingFieldsResolver,
} from './product-reviews.resolver';
import { Question } from './question.entity';
import {
  AnswerFieldsResolver,
  ProductQuestionsResolver,
  QuestionFieldsResolver,
} from './question-fields.resolver';
import { QuestionLoaders } from './question.loaders';
import { QuestionResolver } from './question.resolver';
import { RatingTotals, ReviewerStats } from './rating-stats.entity';
import { Review } from './review.entity';
import { ReviewFieldsResolver, ReviewReplyFieldsResolver } from './review-fields.resolver';
import { ReviewHelpfulVote } from './review-helpful-vote.entity';
import { ReviewListingService } from './review-listing.service';
import { ReviewLoaders } from './review.loaders';
import { ReviewResolver } from './review.resolver';
import { reviewNotificationKinds } from './reviews.notification-kinds';
import { reviewPersonalData } from './reviews.personal-data';

export const reviewsModule: DomainModule = {
  name: 'reviews',
  entities: [Review, ReviewHelpfulVote, RatingTotals, ReviewerStats, Question, Answer, AnswerVote],
  resolvers: [
    UserReviewsResolver,
    ReviewResolver,
    ReviewFieldsResolver,
    ReviewReplyFieldsResolver,
    ProductReviewsResolver,
    TrustedRatingFieldsResolver,
    MerchantReviewsResolver,
    QuestionResolver,
    QuestionFieldsResolver,
    AnswerFieldsResolver,
    ProductQuestionsResolver,
  ],
  nodeTypes: [
    {
      typeName: 'Review',
      fetch: (ctx, ids) => ctx.container.get(ReviewLoaders).of(ctx).reviewById.loadMany(ids).then(orNull),
    },
    {
      typeName: 'Question',
      fetch: (ctx, ids) => ctx.container.get(QuestionLoaders).of(ctx).questionById.loadMany(ids).then(orNull),
    },
    {
      typeName: 'Answer',
      fetch: (ctx, ids) => ctx.container.get(QuestionLoaders).of(ctx).answerById.loadMany(ids).then(orNull),
    },
  ],
  personalData: reviewPersonalData,
  notificationKinds: reviewNotificationKinds,
  // A product's first page of reviews is read in the product's own statement.
  start: async (container) =>
    container.get(CatalogLoaders).readAlong(container.get(ReviewListingService).productJoin()),
};
