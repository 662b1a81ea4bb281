import type { DomainModule } from '../core/module';
import { Notification } from './notification.entity';
import { NotificationFieldsResolver, UserNotificationsResolver } from './notification-fields.resolver';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { notificationPersonalData } from './notifications.personal-data';

export const notificationsModule: DomainModule = {
  name: 'notifications',
  entities: [Notification],
  resolvers: [NotificationResolver, NotificationFieldsResolver, UserNotificationsResolver],
  nodeTypes: [
    {
      typeName: 'Notification',
      fetch: (ctx, ids) => {
        const notifications = ctx.container.get(NotificationService);
        return Promise.all(ids.map((id) => notifications.findForRecipient(ctx, id)));
      },
    },
  ],
  personalData: notificationPersonalData,
};
