import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { MoneyInput } from '../core/money';
import { connectionOf } from '../core/relay/connection';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Bid } from './bid.entity';
import { PriceRequest, PriceRequestStatus } from './price-request.entity';

export const { Connection: PriceRequestConnection } = connectionOf(
  'PriceRequest',
  () => PriceRequest,
  'price request',
);
export const { Connection: BidConnection } = connectionOf('Bid', () => Bid, 'bid');

@ArgsType()
export class PriceRequestsArguments extends ConnectionArgs {
  @Field(() => [PriceRequestStatus], { nullable: true, description: 'Only these; OPEN when left out.' })
  status?: PriceRequestStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Only this category (any case).' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this region (any case).' })
  region?: string | null;
}

@InputType({
  description:
    'A new price request, which others may join; with `poolId`, made from a pool, whose members are invited.',
})
export class CreatePriceRequestInput {
  @Field({ description: 'What is wanted, in a few words; 1–120 characters.' })
  title: string;

  @Field({ description: 'What is wanted, in detail; up to 4,000 characters.' })
  description: string;

  @Field({ description: 'A free-form category such as "Käse"; 1–60 characters.' })
  category: string;

  @Field(() => Int, {
    description:
      'How many units the viewer wants, 1–1,000,000: the creator is the request’s first participant, with this quantity.',
  })
  quantity: number;

  @Field(() => MoneyInput, {
    nullable: true,
    description:
      'The most the buyer will pay per unit; its currency is the request’s (EUR when none is given). At the deadline only a best bid at or under it wins on its own.',
  })
  maxUnitPrice?: MoneyInput | null;

  @Field({ description: 'When bidding ends; any time in the future.' })
  deadline: Date;

  @Field({ description: 'Where the goods are wanted, e.g. "Allgäu"; 1–80 characters.' })
  region: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'A pool (OPEN or TIPPED) the viewer is a member of: the request asks for the pool’s product, and the pool’s other members are invited to join it (PRICE_REQUEST_INVITATION). The pool goes on as it is.',
  })
  poolId?: string | null;
}

@InputType({ description: 'A merchant’s bid on a price request.' })
export class PlaceBidInput {
  @Field(() => ID, { description: 'The price request to bid on.' })
  requestId: string;

  @Field(() => MoneyInput, {
    description:
      'The unit price, in the request’s currency. It must beat the current best bid by at least the minimum decrement (MIN_BID_DECREMENT, 0.01 by default), even when the best is one’s own, and may never be above one’s own last bid. Above the request’s maximum is allowed, but only the buyer can accept such a bid.',
  })
  unitPrice: MoneyInput;

  @Field(() => String, {
    nullable: true,
    description:
      'A word to the buyer, up to 1,000 characters; only the buyer and the bidding merchant see it.',
  })
  note?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The merchant to bid for; may be left out by staff of exactly one merchant, whose merchant it then is.',
  })
  merchantId?: string | null;
}

@InputType({ description: 'The bid a buyer accepts.' })
export class AcceptBidInput {
  @Field(() => ID, { description: 'Any bid on one of the viewer’s open price requests.' })
  bidId: string;
}

@InputType({ description: 'The price request to withdraw.' })
export class CancelPriceRequestInput {
  @Field(() => ID, { description: 'One of the viewer’s open price requests.' })
  requestId: string;
}

@ObjectType({ description: 'The result of createPriceRequest.' })
export class CreatePriceRequestPayload extends Payload {
  @Field(() => PriceRequest, { nullable: true, description: 'The new price request, open for bids.' })
  priceRequest?: PriceRequest | null;
}

@ObjectType({ description: 'The result of placeBid.' })
export class PlaceBidPayload extends Payload {
  @Field(() => Bid, { nullable: true, description: 'The bid, now the best.' })
  bid?: Bid | null;

  @Field(() => PriceRequest, {
    nullable: true,
    description: 'The request, with its new best bid and deadline.',
  })
  priceRequest?: PriceRequest | null;
}

@ObjectType({ description: 'The result of acceptBid.' })
export class AcceptBidPayload extends Payload {
  @Field(() => PriceRequest, { nullable: true, description: 'The request, now AWARDED.' })
  priceRequest?: PriceRequest | null;
}

@ObjectType({ description: 'The result of cancelPriceRequest.' })
export class CancelPriceRequestPayload extends Payload {
  @Field(() => PriceRequest, { nullable: true, description: 'The request, now CANCELLED.' })
  priceRequest?: PriceRequest | null;
}
