import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';

@InputType({ description: 'A product to recommend to people, with a few words.' })
export class RecommendProductInput {
  @Field(() => ID, { description: 'The product.' })
  productId: string;

  @Field(() => [ID], { description: 'The people to tell, 1–50 users.' })
  toUserIds: string[];

  @Field({ description: 'Why you recommend it, up to 500 characters; may be empty.' })
  note: string;
}

@ObjectType({
  description:
    'The result of recommendProduct. Who did not want it (or blocked you) is skipped without telling you.',
})
export class RecommendProductPayload extends Payload {}
