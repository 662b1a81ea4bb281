import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { FulfilmentMethod, Order } from './order.entity';

@ObjectType({ description: 'A postal address for a delivery.' })
export class Address {
  @Field({ description: 'Whom to deliver to.' })
  name: string;

  @Field({ description: 'Street and number.' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'More of the address, if any.' })
  line2: string | null;

  @Field({ description: 'The postal code.' })
  postalCode: string;

  @Field({ description: 'The town or city.' })
  city: string;

  @Field({ description: 'The country.' })
  country: string;
}

@ObjectType({ description: 'How an order reaches its buyer.' })
export class Fulfilment {
  @Field(() => FulfilmentMethod, { description: 'Pickup at the shop or delivery.' })
  method: FulfilmentMethod;

  @Field(() => Address, {
    nullable: true,
    description: 'Where to deliver; only the buyer and the shop’s staff see it. Null for a pickup.',
  })
  address: Address | null;
}

@InputType({ description: 'A postal address for a delivery; every line but line2 is needed.' })
export class AddressInput {
  @Field({ description: 'Whom to deliver to, 1–120 characters.' })
  name: string;

  @Field({ description: 'Street and number, 1–200 characters.' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'More of the address, up to 200 characters.' })
  line2?: string | null;

  @Field({ description: 'The postal code, 1–20 characters.' })
  postalCode: string;

  @Field({ description: 'The town or city, 1–120 characters.' })
  city: string;

  @Field({ description: 'The country, 1–80 characters.' })
  country: string;
}

@InputType({ description: 'The buyer’s choice of pickup or delivery.' })
export class SetOrderFulfilmentInput {
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @Field(() => FulfilmentMethod, { description: 'Pickup at the shop, or delivery to the address.' })
  method: FulfilmentMethod;

  @Field(() => AddressInput, { nullable: true, description: 'Where to deliver; needed for a delivery.' })
  address?: AddressInput | null;
}

@InputType({ description: 'The order the shop confirms.' })
export class ConfirmOrderInput {
  @Field(() => ID, { description: 'The order.' })
  orderId: string;
}

@InputType({ description: 'The order the shop has ready.' })
export class MarkOrderReadyInput {
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @Field(() => String, {
    nullable: true,
    description: 'A note for the buyer (opening hours, a tracking number), up to 500 characters.',
  })
  note?: string | null;
}

@InputType({ description: 'The order handed over.' })
export class CompleteOrderInput {
  @Field(() => ID, { description: 'The order.' })
  orderId: string;
}

@InputType({ description: 'The order to cancel and why.' })
export class CancelOrderInput {
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @Field({ description: 'Why it is cancelled, 1–500 characters; recorded in the history.' })
  reason: string;
}

@InputType({ description: 'A rating of the other side of a completed order.' })
export class RateOrderInput {
  @Field(() => ID, { description: 'The completed order.' })
  orderId: string;

  @Field(() => Int, { description: 'From 1 (bad) to 5 (very good).' })
  rating: number;

  @Field(() => String, { nullable: true, description: 'What to say, up to 1000 characters.' })
  comment?: string | null;
}

@ObjectType({ description: 'The result of setOrderFulfilment.' })
export class SetOrderFulfilmentPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now; null when refused.' })
  order?: Order | null;
}

@ObjectType({ description: 'The result of confirmOrder.' })
export class ConfirmOrderPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now; null when refused.' })
  order?: Order | null;
}

@ObjectType({ description: 'The result of markOrderReady.' })
export class MarkOrderReadyPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now; null when refused.' })
  order?: Order | null;
}

@ObjectType({ description: 'The result of completeOrder.' })
export class CompleteOrderPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now; null when refused.' })
  order?: Order | null;
}

@ObjectType({ description: 'The result of cancelOrder.' })
export class CancelOrderPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now; null when refused.' })
  order?: Order | null;
}

@ObjectType({ description: 'The result of rateOrder.' })
export class RateOrderPayload extends Payload {
  @Field(() => Order, { nullable: true, description: 'The order rated; null when refused.' })
  order?: Order | null;
}
