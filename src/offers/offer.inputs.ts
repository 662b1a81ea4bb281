import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { OfferPermission } from './offer-permission.entity';
import { OfferView } from './offer.types';

@InputType({ description: 'Whose offers one allows: a shop, or a category (exactly one of the two).' })
export class GrantOfferPermissionInput {
  @Field(() => ID, { nullable: true, description: 'The shop whose offers one allows.' })
  merchantId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The category offers are allowed for, 1–60 characters, compared in any case.',
  })
  category?: string | null;
}

@InputType({ description: 'The permission to withdraw.' })
export class RevokeOfferPermissionInput {
  @Field(() => ID, { description: 'One of the viewer’s offer permissions.' })
  permissionId: string;
}

@InputType({ description: 'An offer a shop’s staff sends to the people who allowed it.' })
export class SendOfferInput {
  @Field(() => ID, { description: 'The shop it comes from; the viewer must be its staff.' })
  merchantId: string;

  @Field({ description: 'What is offered, in a few words; 1–120 characters.' })
  title: string;

  @Field({ description: 'The offer in full; 1–4,000 characters.' })
  body: string;

  @Field(() => ID, { nullable: true, description: 'A product of the shop the offer is for.' })
  productId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The category it reaches people by (those who allow offers for it); the product’s category when left out.',
  })
  category?: string | null;

  @Field(() => Date, { nullable: true, description: 'Until when the offer holds; in the future.' })
  validUntil?: Date | null;
}

@ObjectType({ description: 'The result of grantOfferPermission.' })
export class GrantOfferPermissionPayload extends Payload {
  @Field(() => OfferPermission, {
    nullable: true,
    description: 'The permission, new or the same one given before.',
  })
  permission?: OfferPermission | null;
}

@ObjectType({ description: 'The result of revokeOfferPermission: no further offers come through it.' })
export class RevokeOfferPermissionPayload extends Payload {}

@ObjectType({ description: 'The result of sendOffer.' })
export class SendOfferPayload extends Payload {
  @Field(() => OfferView, {
    nullable: true,
    description: 'The offer as sent; its reason says in words whom it reached.',
  })
  offer?: OfferView | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many people it reached (within each one’s weekly cap); never who.',
  })
  deliveredCount?: number | null;
}
