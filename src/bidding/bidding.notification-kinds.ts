import type { NotificationKindDeclaration } from '../core/module';
import { toGlobalId } from '../core/relay/global-id';
import { textOf } from '../notifications/notification-kinds';
import { BiddingNotice } from './bidding-notice.service';

/** Every bidding notification is about its price request: `{ requestId, title }` (see bidding-notice.service.ts). */
const request = (data: Record<string, unknown>) => {
  const id = textOf(data, 'requestId');
  return id ? toGlobalId('PriceRequest', id) : null;
};

/** ` “Bergkäse, 6 Monate”`, to follow “the price request”; nothing for a notice stored without a title. */
const titled = (data: Record<string, unknown>) => {
  const title = textOf(data, 'title');
  return title ? ` “${title}”` : '';
};

export const biddingNotificationKinds: NotificationKindDeclaration[] = [
  /** To each buyer but the one who accepted: from that buyer, or from nobody when the deadline decided. */
  {
    kind: BiddingNotice.Awarded,
    message: (actor, data) =>
      actor
        ? `${actor} accepted a bid on the price request${titled(data)}: your order is placed.`
        : `The best bid won the price request${titled(data)}: your order is placed.`,
    subject: request,
  },
  /** To the staff of the winning merchant: from the buyer who accepted, or from nobody at the deadline. */
  {
    kind: BiddingNotice.BidWon,
    message: (actor, data) =>
      actor
        ? `${actor} accepted your bid on the price request${titled(data)}: the order is placed.`
        : `Your bid on the price request${titled(data)} won at the deadline: the order is placed.`,
    subject: request,
  },
  /** To each buyer, when the deadline passed without a bid at or under the maximum. */
  {
    kind: BiddingNotice.Expired,
    message: (_actor, data) => `The price request${titled(data)} closed without a winning bid.`,
    subject: request,
  },
  /** To the other buyers and the bidders: from the buyer, or from nobody when the buyer's account was erased. */
  {
    kind: BiddingNotice.Cancelled,
    message: (actor, data) =>
      actor
        ? `${actor} withdrew the price request${titled(data)}.`
        : `The price request${titled(data)} was withdrawn.`,
    subject: request,
  },
  /** To the other members of the pool a group request was made from, from the member who made it. */
  {
    kind: BiddingNotice.Invitation,
    message: (actor, data) =>
      `${actor ?? 'A member of your group buy'} asks shops for a price: join the price request${titled(data)} with your own quantity.`,
    subject: request,
  },
  /** To staff of shops in the request's region that sell in its category: from the buyer. */
  {
    kind: BiddingNotice.Posted,
    message: (actor, data) =>
      `${actor ?? 'Someone'} asks for offers in your region: the price request${titled(data)}.`,
    subject: request,
  },
  /** To the staff of the merchant whose best bid was beaten: from nobody, competitors stay unnamed. */
  {
    kind: BiddingNotice.Outbid,
    message: (_actor, data) => `Your bid on the price request${titled(data)} was beaten.`,
    subject: request,
  },
  /** To the staff of every merchant that bid but did not win: from nobody. */
  {
    kind: BiddingNotice.BidLost,
    message: (_actor, data) => `Another shop won the price request${titled(data)}.`,
    subject: request,
  },
];
