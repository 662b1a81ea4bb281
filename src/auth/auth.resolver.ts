import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import {
  AuthPayload,
  LoginInput,
  LogoutInput,
  LogoutPayload,
  RefreshTokenInput,
  SignUpInput,
} from './auth.inputs';
import { AuthService } from './auth.service';

@Injectable()
@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(
    @Arg('input', { description: 'The new account: email, password, handle and display name.' })
    input: SignUpInput,
  ): Promise<AuthPayload> {
    return toPayload(
      AuthPayload,
      () => this.auth.signUp(input),
      (session) => session,
    );
  }

  @Mutation(() => AuthPayload, {
    description:
      'Signs in. A wrong email or password is one userError, INVALID_CREDENTIALS, the same for both.',
  })
  login(
    @Arg('input', { description: 'The email and password of the account.' }) input: LoginInput,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return toPayload(
      AuthPayload,
      () => this.auth.login(input.email, input.password, ctx.ip),
      (session) => session,
    );
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for a new access token and a new refresh token.',
  })
  refreshToken(
    @Arg('input', {
      description: 'The refresh token to exchange (it is rotated: use the new one next time).',
    })
    input: RefreshTokenInput,
  ): Promise<AuthPayload> {
    return toPayload(
      AuthPayload,
      () => this.auth.refresh(input.refreshToken),
      (session) => session,
    );
  }

  @Mutation(() => LogoutPayload, { description: 'Ends a sign-in: its refresh token is refused from now on.' })
  logout(
    @Arg('input', { description: 'The refresh token of the session to end.' }) input: LogoutInput,
  ): Promise<LogoutPayload> {
    return toPayload(LogoutPayload, () => this.auth.logout(input.refreshToken, input.everywhere));
  }
}
