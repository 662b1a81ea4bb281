import type { NotificationKindDeclaration } from '../core/module';
import { textOf } from '../notifications/notification-kinds';
import { INVITATION } from './pool-invitation.service';

/** Every pool notification carries `{ poolId }`, the pool's global ID: that is what it is about. */
const pool = (data: Record<string, unknown>) => textOf(data, 'poolId');

export const poolNotificationKinds: NotificationKindDeclaration[] = [
  /** From a member who trusts the recipient. */
  {
    kind: INVITATION,
    message: (actor) => `${actor ?? 'Someone'} invites you to join a group buy.`,
    subject: pool,
  },
  /** To every member, when the shop (reason MERCHANT) or something else ended the pool before its deadline. */
  {
    kind: 'POOL_CANCELLED',
    message: (_actor, data) =>
      textOf(data, 'reason') === 'MERCHANT'
        ? 'The shop cancelled a group buy you joined.'
        : 'A group buy you joined was cancelled.',
    subject: pool,
  },
  /**
   * To every member when the pool succeeded at its deadline and their order was placed, and once to the shop's
   * staff (with `orders`): `{ poolId, unitPrice: { amount, currencyCode } }`.
   */
  {
    kind: 'POOL_SUCCEEDED',
    message: (_actor, data) => {
      const price = data.unitPrice as { amount?: string; currencyCode?: string } | undefined;
      const at = price?.amount ? ` at ${price.amount} ${price.currencyCode ?? ''}`.trimEnd() : '';
      return typeof data.orders === 'number'
        ? `Your group buy succeeded${at}: ${data.orders} orders are placed.`
        : `A group buy you joined succeeded: your order is placed${at || ' at the group price'}.`;
    },
    subject: pool,
  },
  /** To every member, once, when the pool first reaches its tipping point: the group price holds. */
  {
    kind: 'POOL_TIPPED',
    message: () => 'A group buy you joined reached its tipping point: the group price holds.',
    subject: pool,
  },
  /** To every member when the pool ended at its deadline below its tipping point. */
  {
    kind: 'POOL_FAILED',
    message: () => 'A group buy you joined did not reach its tipping point; no order was placed.',
    subject: pool,
  },
];
