import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { connectionOf, MAX_PAGE_SIZE } from '../core/relay/connection';
import { User } from '../users/user.entity';

@ObjectType('UserTrustEdge', {
  description: 'A person in a trust list, with its cursor and the trust level.',
})
export class UserTrustEdge {
  @Field({ description: 'Pass to `after` or `before` to page from this edge.' })
  cursor: string;

  @Field(() => User, { description: 'The person.' })
  node: User;

  @Field(() => Int, {
    description:
      'The trust level, 1 (a little) to 5 (fully): in `trustees` and `mutualTrustees` how much the list’s owner trusts this person, in `trusters` how much this person trusts the owner.',
  })
  level: number;
}

export const { Connection: UserTrustConnection } = connectionOf(
  'UserTrust',
  () => User,
  'person in a trust list',
  UserTrustEdge,
);

/** The Relay pagination arguments of the trust lists. */
@ArgsType()
export class TrustPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many people from the start (after \`after\`), 0–${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Start after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many people from the end (before \`before\`), 0–${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'End before this cursor.' })
  before?: string | null;
}
