import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { Payload, toPayload } from '../core/errors/payload';
import { User } from '../users/user.entity';
import { NotificationSettings } from './notification-settings.entity';
import { NotificationSettingsService } from './notification-settings.service';

@InputType({ description: 'The notification kinds to mute; every other kind is delivered.' })
export class UpdateNotificationSettingsInput {
  @Field(() => [String], {
    description: 'Notification.kind words to mute, e.g. REVIEW_WRITTEN; [] mutes none.',
  })
  muted: string[];
}

@ObjectType({ description: 'The result of updateNotificationSettings.' })
export class UpdateNotificationSettingsPayload extends Payload {
  @Field(() => NotificationSettings, { nullable: true, description: 'The settings as they are now.' })
  settings?: NotificationSettings | null;
}

@Injectable()
@Resolver(() => User)
export class NotificationSettingsResolver {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Authorized()
  @Mutation(() => UpdateNotificationSettingsPayload, {
    description: 'Mutes notification kinds: a muted kind is neither stored nor pushed for you.',
  })
  updateNotificationSettings(
    @Arg('input', { description: 'The kinds to mute.' }) input: UpdateNotificationSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateNotificationSettingsPayload> {
    return toPayload(
      UpdateNotificationSettingsPayload,
      () => this.settings.mute(requireViewer(ctx), input.muted),
      (settings) => ({ settings }),
    );
  }

  @FieldResolver(() => NotificationSettings, {
    nullable: true,
    description: 'Which notification kinds this person muted; for the person only, null for anyone else.',
  })
  notificationSettings(@Root() user: User, @Ctx() ctx: Context): Promise<NotificationSettings> | null {
    return ctx.viewer?.id === user.id ? this.settings.of(user.id) : null;
  }
}
