import { Arg, Authorized, Ctx, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { type Context, resetLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { requireViewer } from '../core/auth/auth-checker';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { Notification } from './notification.entity';
import { notificationTopic, type NotificationPublished } from './notification.events';
import { MarkNotificationsReadInput, MarkNotificationsReadPayload } from './notification.inputs';
import { NotificationService } from './notification.service';

@Injectable()
@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Authorized()
  @Mutation(() => MarkNotificationsReadPayload, {
    description: 'Marks your notifications read: those named, or all when `ids` is null or left out.',
  })
  markNotificationsRead(
    @Arg('input', { description: 'The notifications to mark read; without ids, all of yours.' })
    input: MarkNotificationsReadInput,
    @Ctx() ctx: Context,
  ): Promise<MarkNotificationsReadPayload> {
    const ids = input.ids ? input.ids.map((id) => localId(id, 'Notification')) : null;
    return toPayload(
      MarkNotificationsReadPayload,
      () => this.notifications.markRead(ctx, requireViewer(ctx), ids),
      (unreadCount) => ({ unreadCount }),
    );
  }

  /**
   * Each event carries only an id: it is read again with fresh loaders (a subscription's context outlives its
   * events), and dropped unless it is still there and the viewer's own.
   */
  @Authorized()
  @Subscription(() => Notification, {
    description:
      'Your new notifications as they arrive: recommendations, invitations, answers, awards, cancellations.',
    topics: ({ context }) => notificationTopic(requireViewer(context as Context)),
    filter: async ({ payload, context }) => {
      const ctx = context as Context;
      resetLoaders(ctx);
      const found = await ctx.container
        .get(NotificationService)
        .findForRecipient(ctx, (payload as NotificationPublished).id);
      return found !== null;
    },
  })
  async notificationReceived(
    @Root() event: NotificationPublished,
    @Ctx() ctx: Context,
  ): Promise<Notification> {
    return (await this.notifications.findForRecipient(ctx, event.id))!;
  }
}
