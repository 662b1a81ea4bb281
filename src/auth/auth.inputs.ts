import { Field, InputType, ObjectType } from 'type-graphql';
import { Payload } from '../core/errors/payload';
import { User } from '../users/user.entity';

@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field({ description: 'Email address to sign in with; never shown to others.' })
  email: string;

  @Field({ description: 'At least 10 characters.' })
  password: string;

  @Field({ description: '3–30 characters of a–z, 0–9 and _; capitals are folded to lower case.' })
  handle: string;

  @Field({ description: 'The name shown to others, 1–80 characters.' })
  displayName: string;
}

@InputType({ description: 'Credentials to sign in with.' })
export class LoginInput {
  @Field({ description: 'The account’s email address.' })
  email: string;

  @Field({ description: 'The account’s password.' })
  password: string;
}

@InputType({ description: 'A refresh token to exchange for a new pair of tokens.' })
export class RefreshTokenInput {
  @Field({ description: 'The refresh token from signUp, login or the last refreshToken.' })
  refreshToken: string;
}

@InputType({ description: 'The sign-in to end.' })
export class LogoutInput {
  @Field({ description: 'The refresh token of the sign-in to end.' })
  refreshToken: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'End every sign-in of this account and stop its access tokens at once.',
  })
  everywhere: boolean;
}

@ObjectType({ description: 'A signed-in session, or why it could not start.' })
export class AuthPayload extends Payload {
  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user?: User | null;

  @Field(() => String, {
    nullable: true,
    description: 'Send as `Authorization: Bearer <token>`; short-lived (ACCESS_TOKEN_TTL).',
  })
  accessToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Exchange with refreshToken for new tokens; single use, rotated each time.',
  })
  refreshToken?: string | null;
}

@ObjectType({ description: 'The result of logout.' })
export class LogoutPayload extends Payload {}
