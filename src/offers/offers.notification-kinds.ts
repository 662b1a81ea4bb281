import type { NotificationKindDeclaration } from '../core/module';
import { toGlobalId } from '../core/relay/global-id';
import { textOf } from '../notifications/notification-kinds';

/** An offer reached the recipient: `{ offerId, merchantName, title }`, offerId being the recipient's own offer. */
export const OFFER_RECEIVED = 'OFFER_RECEIVED';

export const offersNotificationKinds: NotificationKindDeclaration[] = [
  {
    kind: OFFER_RECEIVED,
    message: (_actor, data) => {
      const title = textOf(data, 'title');
      return `${textOf(data, 'merchantName') ?? 'A shop'} sends you an offer${title ? `: ${title}` : ''}.`;
    },
    subject: (data) => {
      const id = textOf(data, 'offerId');
      return id ? toGlobalId('Offer', id) : null;
    },
  },
];
