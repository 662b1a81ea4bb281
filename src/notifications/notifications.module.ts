import type { DomainModule } from '../core/module';
import { Notification } from './notification.entity';
import { NotificationFieldsResolver, UserNotificationsResolver } from './notification-fields.resolver';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';
import { notificationPersonalData } from './notifications.personal-data';

import { NotificationSettings } from './notification-settings.entity';
import { NotificationSettingsResolver } from './notification-settings.resolver';

export const notificationsModule: DomainModule = {
  name: 'notifications',
  entities: [Notification, NotificationSettings],
  resolvers: [
    NotificationResolver,
    NotificationFieldsResolver,
    UserNotificationsResolver,
    NotificationSettingsResolver,
  ],
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
