import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { PriceRequest } from './price-request.entity';

@InputType({ description: 'Joining a price request with a quantity of one’s own.' })
export class JoinPriceRequestInput {
  @Field(() => ID, { description: 'An OPEN price request before its deadline.' })
  requestId: string;

  @Field(() => Int, {
    description: 'How many units the viewer wants, 1–1,000,000; joining again sets the quantity to this.',
  })
  quantity: number;

  @Field({
    description:
      'Chosen by the client, 1–200 characters, scoped to the viewer: a retry with the same key and input changes nothing and answers as the first did; the same key with other input is IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey: string;
}

@InputType({ description: 'Leaving a price request one joined.' })
export class LeavePriceRequestInput {
  @Field(() => ID, {
    description: 'An OPEN price request the viewer joined (its creator withdraws it instead).',
  })
  requestId: string;
}

@ObjectType({ description: 'The result of joinPriceRequest.' })
export class JoinPriceRequestPayload extends Payload {
  @Field(() => PriceRequest, {
    nullable: true,
    description: 'The request, its quantity now including the viewer’s.',
  })
  priceRequest?: PriceRequest | null;
}

@ObjectType({ description: 'The result of leavePriceRequest.' })
export class LeavePriceRequestPayload extends Payload {
  @Field(() => PriceRequest, {
    nullable: true,
    description: 'The request, its quantity now without the viewer’s.',
  })
  priceRequest?: PriceRequest | null;
}
