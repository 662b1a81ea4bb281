import type { NotificationKindDeclaration } from '../core/module';
import { textOf } from '../notifications/notification-kinds';

/** Every order notification carries `{ orderId }`, the order's global ID: that is what it is about. */
const order = (data: Record<string, unknown>) => textOf(data, 'orderId');

const STATUS_WORDS: Record<string, string> = {
  CONFIRMED: 'was confirmed',
  READY: 'is ready',
  COMPLETED: 'is completed',
  CANCELLED: 'was cancelled',
};

export const orderNotificationKinds: NotificationKindDeclaration[] = [
  /** To the shop's staff: a direct purchase or an awarded price request placed an order. */
  {
    kind: 'ORDER_PLACED',
    message: (actor, data) =>
      `${actor ?? 'Someone'} ordered ${Number(data.quantity ?? 1)} × ${textOf(data, 'title') ?? 'something'}.`,
    subject: order,
  },
  /** To the other side of a move: the buyer for the shop's moves, the staff for the buyer's. */
  {
    kind: 'ORDER_STATUS_CHANGED',
    message: (_actor, data) =>
      `Your order “${textOf(data, 'title') ?? 'an order'}” ${STATUS_WORDS[textOf(data, 'status') ?? ''] ?? 'changed'}.`,
    subject: order,
  },
];
