import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { Notification } from './notification.entity';
import { NotificationFieldsResolver, UserNotificationsResolver } from './notification-fields.resolver';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import './notifications.personal-data';

registerNodeType('Notification', Notification, (ctx, ids) => {
  const notifications = ctx.container.get(NotificationService);
  return Promise.all(ids.map((id) => notifications.findForRecipient(ctx, id)));
});

export const notificationsModule: DomainModule = {
  name: 'notifications',
  entities: [Notification],
  resolvers: [NotificationResolver, NotificationFieldsResolver, UserNotificationsResolver],
};
