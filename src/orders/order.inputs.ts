import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { connectionOf } from '../core/relay/connection';
import { Order } from './order.entity';

@InputType({ description: 'A direct purchase of a product at its list price.' })
export class PlaceOrderInput {
  @Field(() => ID, { description: 'The product to buy.' })
  productId: string;

  @Field(() => Int, { description: 'Units to buy, at least 1 and at most what is in stock.' })
  quantity: number;

  @Field({
    description:
      'A key of your choice, 1–200 characters, unique per purchase: a retry with the same key and input places no second order.',
  })
  idempotencyKey: string;
}

@ObjectType({ description: 'The result of placeOrder.' })
export class PlaceOrderPayload extends Payload {
  @Field(() => Order, {
    nullable: true,
    description: 'The order placed (or, on a retry, the one placed before).',
  })
  order?: Order | null;
}

export const { Connection: OrderConnection } = connectionOf('Order', () => Order, 'order');
