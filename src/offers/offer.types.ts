import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../core/relay/node';
import { connectionOf } from '../core/relay/connection';
import { toGlobalId } from '../core/relay/global-id';

/**
 * An offer as the viewer sees it: a person the offer they received (its id is the delivery's, its reason why they
 * got it), the shop's staff the offer they sent (its id is the offer's, its reason whom it reached, in words).
 */
@ObjectType('Offer', {
  implements: Node,
  description: 'An offer from a shop to people who asked for offers.',
})
export class OfferView {
  /** The delivery's id for a recipient, the offer's for the shop. */
  id: string;

  merchantId: string;

  productId: string | null;

  @Field(() => ID, { name: 'id', description: 'The global ID of this offer.' })
  get globalId(): string {
    return toGlobalId('Offer', this.id);
  }

  @Field({ description: 'What is offered, in a few words.' })
  title: string;

  @Field({ description: 'The offer in full.' })
  body: string;

  @Field(() => Date, { nullable: true, description: 'Until when the offer holds; null when open-ended.' })
  validUntil: Date | null;

  @Field({
    description:
      'Why it is here: for a recipient, the permission it came through ("You allow offers from Hofladen Huber."); for the shop, whom it reached, in words, never names.',
  })
  reason: string;

  @Field({ description: 'When it was sent.' })
  createdAt: Date;

  static of(row: Omit<OfferView, 'globalId'>): OfferView {
    return Object.assign(new OfferView(), row);
  }
}

export const { Connection: OfferConnection } = connectionOf('Offer', () => OfferView, 'offer');
