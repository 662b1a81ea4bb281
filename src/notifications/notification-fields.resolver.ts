import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Declarations } from '../core/declarations';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { Node } from '../core/relay/node';
import { OwnerOnly } from '../privacy/visible-to';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { Notification, NotificationConnection } from './notification.entity';
import { NotificationArgs } from './notification.inputs';
import { FALLBACK_KIND, textOf } from './notification-kinds';
import { NotificationLoaders } from './notification.loaders';
import { NotificationService } from './notification.service';

/** A notification's people, words and subject, every one through a per-operation loader. */
@Injectable()
@Resolver(() => Notification)
export class NotificationFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly loaders: NotificationLoaders,
    private readonly declarations: Declarations,
  ) {}

  @FieldResolver(() => User, { nullable: true, description: 'Who caused it; null when the system did.' })
  actor(@Root() notification: Notification, @Ctx() ctx: Context): Promise<User | null> | null {
    return notification.actorId ? this.users.of(ctx).byId.load(notification.actorId) : null;
  }

  @FieldResolver(() => String, {
    description: 'A sentence a person can read, e.g. “Anna recommends Bergkäse.”',
  })
  async message(@Root() notification: Notification, @Ctx() ctx: Context): Promise<string> {
    const actor = await this.actor(notification, ctx);
    return this.kindOf(notification).message(actor?.displayName ?? null, notification.data);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Words the actor added, such as the note of a recommendation; null when none.',
  })
  note(@Root() notification: Notification): string | null {
    return textOf(notification.data, 'note');
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description:
      'What it is about (a Product, a GroupBuyPool, an Answer…); null when that is gone or hidden from you.',
  })
  async subject(@Root() notification: Notification, @Ctx() ctx: Context): Promise<object | null> {
    const id = this.kindOf(notification).subject?.(notification.data);
    return id ? this.loaders.of(ctx).subject.load(id) : null;
  }

  private kindOf(notification: Notification) {
    return this.declarations.notificationKind(notification.kind) ?? FALLBACK_KIND;
  }
}

/** The viewer's own notifications on `me`; nobody else's. */
@Injectable()
@Resolver(() => User)
export class UserNotificationsResolver {
  constructor(private readonly notificationService: NotificationService) {}

  @OwnerOnly({ hidden: () => emptyConnection(NotificationConnection) })
  @FieldResolver(() => NotificationConnection, {
    description: 'Your notifications, newest first, with their read state; empty for anyone else’s account.',
  })
  async notifications(
    @Root() user: User,
    @Args() { unreadOnly, ...page }: NotificationArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(
      NotificationConnection,
      await this.notificationService.list(ctx, user.id, page, unreadOnly),
    );
  }
}
