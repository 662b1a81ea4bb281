import type { NotificationKindDeclaration } from '../core/module';
import { toGlobalId } from '../core/relay/global-id';
import { textOf } from '../notifications/notification-kinds';
import { QUESTION_ANSWERED } from './question.service';

export const reviewNotificationKinds: NotificationKindDeclaration[] = [
  /** To the asker when someone else answers their question: `{ questionId, answerId, productId }`. */
  {
    kind: QUESTION_ANSWERED,
    message: (actor) => `${actor ?? 'Someone'} answered your question.`,
    subject: (data) => {
      const answerId = textOf(data, 'answerId');
      return answerId ? toGlobalId('Answer', answerId) : null;
    },
  },
  /** To the shop's staff when someone asks about one of its products: `{ questionId, productId }`. */
  {
    kind: 'QUESTION_ASKED',
    message: (actor) => `${actor ?? 'Someone'} asked about one of your products.`,
    subject: (data) => {
      const questionId = textOf(data, 'questionId');
      return questionId ? toGlobalId('Question', questionId) : null;
    },
  },
  /** To the shop's staff when a new review of one of its products is written: `{ reviewId, productId, rating }`. */
  {
    kind: 'REVIEW_WRITTEN',
    message: (actor, data) =>
      `${actor ?? 'Someone'} reviewed one of your products (${Number(data.rating ?? 0)} of 5).`,
    subject: (data) => textOf(data, 'reviewId'),
  },
  /** To a review's author when the shop replies: `{ reviewId, productId }`. */
  {
    kind: 'REVIEW_REPLIED',
    message: (actor) => `${actor ?? 'The shop'} replied to your review.`,
    subject: (data) => textOf(data, 'reviewId'),
  },
];
