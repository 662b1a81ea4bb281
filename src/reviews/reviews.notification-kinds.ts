import { textOf, registerNotificationKind } from '../notifications/notification-kinds';
import { toGlobalId } from '../core/relay/global-id';
import { QUESTION_ANSWERED } from './question.service';

/** To the asker when someone else answers their question: `{ questionId, answerId, productId }`. */
registerNotificationKind(QUESTION_ANSWERED, {
  message: (actor) => `${actor ?? 'Someone'} answered your question.`,
  subject: (data) => {
    const answerId = textOf(data, 'answerId');
    return answerId ? toGlobalId('Answer', answerId) : null;
  },
});
