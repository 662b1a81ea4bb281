import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { orNull } from '../catalog/loaded';
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
import { ReviewLoaders } from './review.loaders';
import { ReviewResolver } from './review.resolver';
import './reviews.notification-kinds';
import './reviews.personal-data';

registerNodeType('Review', Review, (ctx, ids) =>
  ctx.container.get(ReviewLoaders).of(ctx).reviewById.loadMany(ids).then(orNull),
);
registerNodeType('Question', Question, (ctx, ids) =>
  ctx.container.get(QuestionLoaders).of(ctx).questionById.loadMany(ids).then(orNull),
);
registerNodeType('Answer', Answer, (ctx, ids) =>
  ctx.container.get(QuestionLoaders).of(ctx).answerById.loadMany(ids).then(orNull),
);

export const reviewsModule: DomainModule = {
  name: 'reviews',
  entities: [Review, ReviewHelpfulVote, RatingTotals, ReviewerStats, Question, Answer, AnswerVote],
  resolvers: [
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
};
