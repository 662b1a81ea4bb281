import { Field, InputType, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { User } from './user.entity';

@InputType({ description: 'Changes to one’s own profile; only the fields given change.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'The name shown to others, 1–80 characters.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'A few words about oneself, up to 500 characters.' })
  bio?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where one lives, e.g. "Allgäu"; an empty string clears it.',
  })
  region?: string | null;
}

@ObjectType({ description: 'The result of updateProfile.' })
export class UpdateProfilePayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The updated profile.' })
  user?: User | null;
}
