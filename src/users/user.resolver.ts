import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { requireViewer } from '../core/auth/auth-checker';
import { User } from './user.entity';
import { UpdateProfileInput, UpdateProfilePayload } from './user.inputs';
import { UserLoaders } from './user.loaders';
import { UserService } from './user.service';

@Injectable()
@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly users: UserService,
    private readonly loaders: UserLoaders,
  ) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user; null for an anonymous request.' })
  me(@Ctx() ctx: Context): Promise<User | null> | null {
    return ctx.viewer ? this.loaders.of(ctx).byId.load(ctx.viewer.id) : null;
  }

  @Query(() => User, {
    nullable: true,
    description: 'A user by handle (case-insensitive); null when there is none or the account was deleted.',
  })
  user(
    @Arg('handle', { description: 'The handle, with or without capitals (they are folded to lower case).' })
    handle: string,
    @Ctx() ctx: Context,
  ): Promise<User | null> {
    return this.users.findByHandle(ctx, handle);
  }

  @Authorized()
  @Mutation(() => UpdateProfilePayload, {
    description: 'Changes the signed-in user’s display name, bio or region.',
  })
  updateProfile(
    @Arg('input', { description: 'The profile fields to change; fields left out stay as they are.' })
    input: UpdateProfileInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateProfilePayload> {
    return toPayload(
      UpdateProfilePayload,
      () => this.users.updateProfile(ctx, requireViewer(ctx), input),
      (user) => ({ user }),
    );
  }
}
