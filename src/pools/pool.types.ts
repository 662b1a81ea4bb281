import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { Money } from '../core/money';
import { connectionOf } from '../core/relay/connection';
import { ConnectionArgs } from '../core/relay/connection-args';
import { User } from '../users/user.entity';
import { GroupBuyPool, PoolStatus } from './pool.entity';

@ObjectType({
  description: 'A step of a pool’s price: from minQuantity committed units on, everyone pays unitPrice.',
})
export class PriceTier {
  @Field(() => Int, { description: 'The committed quantity from which this price applies.' })
  minQuantity: number;

  @Field(() => Money, { description: 'The unit price from minQuantity on.' })
  unitPrice: Money;
}

export const { Connection: GroupBuyPoolConnection } = connectionOf(
  'GroupBuyPool',
  () => GroupBuyPool,
  'group-buy pool',
);

@ObjectType({ description: 'One participant of a pool in a page, with what they committed.' })
export class PoolParticipantEdge {
  @Field({ description: 'Pass to `after` or `before` to page from this edge.' })
  cursor: string;

  @Field(() => User, { description: 'The participant.' })
  node: User;

  @Field(() => Int, { description: 'Units this participant committed.' })
  quantity: number;

  @Field({ description: 'When this participant joined.' })
  joinedAt: Date;
}

export const { Connection: PoolParticipantConnection } = connectionOf(
  'PoolParticipant',
  () => User,
  'pool participant',
  PoolParticipantEdge,
);

/** The arguments of a list of pools: a page, and the statuses wanted. */
@ArgsType()
export class PoolListArgs extends ConnectionArgs {
  @Field(() => [PoolStatus], { nullable: true, description: 'Only pools in one of these statuses.' })
  status?: PoolStatus[] | null;
}
