import type { NotificationKindDeclaration } from '../core/module';
import { toGlobalId } from '../core/relay/global-id';
import { textOf } from '../notifications/notification-kinds';
import { PRODUCT_RECOMMENDED } from './word-of-mouth.service';

export const recommendationNotificationKinds: NotificationKindDeclaration[] = [
  /** From the person who recommended a product: `{ productId, productTitle, note }`. */
  {
    kind: PRODUCT_RECOMMENDED,
    message: (actor, data) =>
      `${actor ?? 'Someone'} recommends ${textOf(data, 'productTitle') ?? 'a product'}.`,
    subject: (data) => (textOf(data, 'productId') ? toGlobalId('Product', data.productId as string) : null),
  },
];
