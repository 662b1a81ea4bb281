import { Field, Float, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

@ObjectType({
  description: 'Someone two trust hops away, recommended because people the viewer trusts trust them.',
})
export class FriendRecommendation {
  @Field(() => User, { description: 'The person recommended.' })
  user: User;

  @Field(() => Float, {
    description:
      'How strongly the viewer’s trustees vouch for this person, in (0, 1]: 1 − Π(1 − s) over each common contact, s being the product of the two trust weights (level / 5) along the path.',
  })
  score: number;

  @Field(() => Int, { description: 'How many of the people the viewer trusts trust this person.' })
  mutualCount: number;

  @Field(() => [User], {
    description:
      'Up to three of those people, strongest path first; only those whose trust lists the viewer may see.',
  })
  via: User[];

  @Field({ description: 'Why this person is recommended, as a sentence to show.' })
  reason: string;
}
