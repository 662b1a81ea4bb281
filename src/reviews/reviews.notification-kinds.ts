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
];
