import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { User } from '../users/user.entity';

@InputType({ description: 'Whom to trust, and how much.' })
export class TrustUserInput {
  @Field(() => ID, { description: 'The global ID of the person to trust.' })
  userId: string;

  @Field(() => Int, {
    description: 'How much, from 1 (a little) to 5 (fully); trusting someone again sets the new level.',
  })
  level: number;
}

@InputType({ description: 'Whom to stop trusting.' })
export class UntrustUserInput {
  @Field(() => ID, { description: 'The global ID of the person to stop trusting.' })
  userId: string;
}

@InputType({ description: 'Whom to block.' })
export class BlockUserInput {
  @Field(() => ID, { description: 'The global ID of the person to block.' })
  userId: string;
}

@InputType({ description: 'Whom to unblock.' })
export class UnblockUserInput {
  @Field(() => ID, { description: 'The global ID of the person to unblock.' })
  userId: string;
}

@ObjectType({ description: 'The result of trustUser.' })
export class TrustUserPayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The person now trusted.' })
  user?: User | null;
}

@ObjectType({ description: 'The result of untrustUser.' })
export class UntrustUserPayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The person no longer trusted.' })
  user?: User | null;
}

@ObjectType({ description: 'The result of blockUser.' })
export class BlockUserPayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The person now blocked.' })
  user?: User | null;
}

@ObjectType({ description: 'The result of unblockUser.' })
export class UnblockUserPayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The person no longer blocked.' })
  user?: User | null;
}
