import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { Money, MoneyInput } from '../core/money';
import { connectionOf } from '../core/relay/connection';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Order } from '../orders/order.entity';
import { CallAuction, CallAuctionStatus } from './call-auction.entity';
import { DutchAuction } from './dutch-auction.entity';
import { LimitBid } from './limit-bid.entity';

@ObjectType({ description: 'A step of a call auction’s supply: so many units at this unit price or more.' })
export class SupplyStep {
  @Field(() => Int, { description: 'Units offered in this step.' })
  quantity: number;

  @Field(() => Money, { description: 'The lowest unit price at which these units sell.' })
  minUnitPrice: Money;
}

export const { Connection: CallAuctionConnection } = connectionOf(
  'CallAuction',
  () => CallAuction,
  'call auction',
);

@ArgsType()
export class CallAuctionsArgs extends ConnectionArgs {
  @Field(() => [CallAuctionStatus], { nullable: true, description: 'Only auctions in these statuses.' })
  status?: CallAuctionStatus[] | null;
}

@InputType({ description: 'A step of a new call auction’s supply.' })
export class SupplyStepInput {
  @Field(() => Int, { description: 'Units offered in this step, at least 1.' })
  quantity: number;

  @Field(() => MoneyInput, {
    description:
      'The lowest unit price of these units, in the product’s currency; strictly rising across steps.',
  })
  minUnitPrice: MoneyInput;
}

@InputType({ description: 'A new call auction for a product of a merchant one works for.' })
export class CreateCallAuctionInput {
  @Field(() => ID, { description: 'The product sold.' })
  productId: string;

  @Field(() => [SupplyStepInput], {
    description: 'One to ten steps with rising minimum prices; their total is reserved from the stock.',
  })
  supply: SupplyStepInput[];

  @Field({ description: 'When bidding ends and the auction clears; in the future.' })
  callAt: Date;
}

@InputType({ description: 'A limit bid in a call auction.' })
export class PlaceLimitBidInput {
  @Field(() => ID, { description: 'The call auction.' })
  auctionId: string;

  @Field(() => Int, { description: 'The most units wanted, at least 1.' })
  quantity: number;

  @Field(() => MoneyInput, {
    description: 'The highest unit price one pays, above zero and in the auction’s currency.',
  })
  maxUnitPrice: MoneyInput;

  @Field({
    description:
      'A key of your choice, 1–200 characters, unique per bid: a retry with the same key and input places nothing new.',
  })
  idempotencyKey: string;
}

@InputType({ description: 'Withdrawing one’s limit bid before the call.' })
export class WithdrawLimitBidInput {
  @Field(() => ID, { description: 'The bid to withdraw.' })
  bidId: string;
}

@InputType({ description: 'A new falling-price auction for a product of a merchant one works for.' })
export class CreateDutchAuctionInput {
  @Field(() => ID, { description: 'The product sold.' })
  productId: string;

  @Field(() => Int, { description: 'Units offered, reserved from the stock at creation.' })
  quantity: number;

  @Field(() => MoneyInput, { description: 'The unit price at the start, in the product’s currency.' })
  startPrice: MoneyInput;

  @Field(() => MoneyInput, { description: 'The lowest unit price, at most the start price.' })
  floorPrice: MoneyInput;

  @Field(() => MoneyInput, { description: 'How much the price falls at each step; more than zero.' })
  decrement: MoneyInput;

  @Field(() => Int, { description: 'Seconds between two steps; at least 1.' })
  intervalSeconds: number;

  @Field(() => Date, { nullable: true, description: 'When the price starts falling; now when left out.' })
  startsAt?: Date | null;
}

@InputType({ description: 'Taking units of a falling-price auction at the price of the moment.' })
export class TakeDutchAuctionInput {
  @Field(() => ID, { description: 'The auction.' })
  auctionId: string;

  @Field(() => Int, { description: 'Units wanted; fewer are given when fewer are left.' })
  quantity: number;

  @Field({
    description:
      'A key of your choice, 1–200 characters, unique per take: a retry with the same key answers with the same order.',
  })
  idempotencyKey: string;
}

@ObjectType({ description: 'The result of createCallAuction.' })
export class CreateCallAuctionPayload extends Payload {
  @Field(() => CallAuction, { nullable: true, description: 'The new auction; null on userErrors.' })
  callAuction: CallAuction | null = null;
}

@ObjectType({ description: 'The result of placeLimitBid.' })
export class PlaceLimitBidPayload extends Payload {
  @Field(() => LimitBid, { nullable: true, description: 'The bid placed (or placed first with this key).' })
  bid: LimitBid | null = null;

  @Field(() => CallAuction, { nullable: true, description: 'The auction with its new indicative figures.' })
  callAuction: CallAuction | null = null;
}

@ObjectType({ description: 'The result of withdrawLimitBid.' })
export class WithdrawLimitBidPayload extends Payload {
  @Field(() => CallAuction, { nullable: true, description: 'The auction without the bid.' })
  callAuction: CallAuction | null = null;
}

@ObjectType({ description: 'The result of createDutchAuction.' })
export class CreateDutchAuctionPayload extends Payload {
  @Field(() => DutchAuction, { nullable: true, description: 'The new auction; null on userErrors.' })
  dutchAuction: DutchAuction | null = null;
}

@ObjectType({ description: 'The result of takeDutchAuction.' })
export class TakeDutchAuctionPayload extends Payload {
  @Field(() => Order, {
    nullable: true,
    description: 'The order for the units got, at the price of the take.',
  })
  order: Order | null = null;

  @Field(() => DutchAuction, { nullable: true, description: 'The auction after the take.' })
  dutchAuction: DutchAuction | null = null;
}
