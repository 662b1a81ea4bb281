import { Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { AudiencePolicy } from '../privacy/audience.policy';
import { VIEWER_DEPENDENT } from '../core/subscriptions/viewer-dependence';
import { User } from './user.entity';

/** Profile details beyond handle and display name, shown per the owner's profile audience. */
@Injectable()
@Resolver(() => User)
export class UserFieldsResolver {
  constructor(private readonly policy: AudiencePolicy) {}

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'About this person; null when their profile is hidden from you.',
  })
  async bio(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await this.policy.canSee(ctx, user, 'profile')) ? user.bio : null;
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where this person lives; null when unknown or hidden from you.',
  })
  async region(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await this.policy.canSee(ctx, user, 'profile')) ? user.region : null;
  }
}
