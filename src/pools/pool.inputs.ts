import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { MoneyInput } from '../core/money';
import { GroupBuyPool } from './pool.entity';
import { PoolMembership } from './pool-membership.entity';

@InputType({ description: 'A price step of a new pool.' })
export class PriceTierInput {
  @Field(() => Int, {
    description: 'The committed quantity from which this price applies; ascending across tiers.',
  })
  minQuantity: number;

  @Field(() => MoneyInput, {
    description: 'The unit price from minQuantity on; falling across tiers, below the list price.',
  })
  unitPrice: MoneyInput;
}

@InputType({ description: 'A new group-buy pool for a product of a merchant one works for.' })
export class CreatePoolInput {
  @Field(() => ID, { description: 'The product the pool sells.' })
  productId: string;

  @Field(() => [PriceTierInput], {
    description: 'One to ten tiers; the first one’s minQuantity is the tipping point.',
  })
  tiers: PriceTierInput[];

  @Field(() => Int, {
    description: 'The most units the pool sells: at least the tipping point, reserved from the stock.',
  })
  capacity: number;

  @Field({ description: 'When the pool closes; any time in the future.' })
  deadline: Date;
}

@InputType({ description: 'Joining a pool, or changing one’s quantity in it.' })
export class JoinPoolInput {
  @Field(() => ID, { description: 'The pool to join.' })
  poolId: string;

  @Field(() => Int, { description: 'The units one wants in total (not in addition); 1 up to the capacity.' })
  quantity: number;

  @Field({
    description:
      'A key of your choice, 1–200 characters, unique per attempt: a retry with the same key and input changes nothing.',
  })
  idempotencyKey: string;
}

@InputType({ description: 'Leaving a pool before its deadline.' })
export class LeavePoolInput {
  @Field(() => ID, { description: 'The pool to leave.' })
  poolId: string;
}

@InputType({ description: 'Cancelling a pool of one’s merchant before its deadline.' })
export class CancelPoolInput {
  @Field(() => ID, { description: 'The pool to cancel.' })
  poolId: string;
}

@InputType({ description: 'Inviting people one trusts into a pool one is a member of.' })
export class InviteToPoolInput {
  @Field(() => ID, { description: 'The pool to invite to.' })
  poolId: string;

  @Field(() => [ID], { description: 'Up to 50 people, each someone you trust.' })
  userIds: string[];
}

@ObjectType({ description: 'The result of createPool.' })
export class CreatePoolPayload extends Payload {
  @Field(() => GroupBuyPool, { nullable: true, description: 'The new pool.' })
  pool?: GroupBuyPool | null;
}

@ObjectType({ description: 'The result of joinPool.' })
export class JoinPoolPayload extends Payload {
  @Field(() => GroupBuyPool, { nullable: true, description: 'The pool after the join.' })
  pool?: GroupBuyPool | null;

  @Field(() => PoolMembership, { nullable: true, description: 'Your membership after the join.' })
  membership?: PoolMembership | null;
}

@ObjectType({ description: 'The result of leavePool.' })
export class LeavePoolPayload extends Payload {
  @Field(() => GroupBuyPool, { nullable: true, description: 'The pool after you left.' })
  pool?: GroupBuyPool | null;
}

@ObjectType({ description: 'The result of cancelPool.' })
export class CancelPoolPayload extends Payload {
  @Field(() => GroupBuyPool, { nullable: true, description: 'The cancelled pool.' })
  pool?: GroupBuyPool | null;
}

@ObjectType({ description: 'The result of inviteToPool.' })
export class InviteToPoolPayload extends Payload {
  @Field(() => Int, { description: 'How many people were newly invited (members already in are skipped).' })
  invitedCount: number = 0;
}
