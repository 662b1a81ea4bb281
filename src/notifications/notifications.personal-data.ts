import { toGlobalId } from '../core/relay/global-id';
import type { PersonalDataSection } from '../core/personal-data';

/**
 * Notifications to the person and those they caused (a recommendation they sent, an answer they gave): both go with
 * the account (the foreign keys cascade), so do others' notifications whose data names the person by id.
 */
export const notificationPersonalData: PersonalDataSection[] = [
  {
    key: 'notificationsReceived',
    sql: `SELECT id, kind, actor_id, data, read_at, created_at FROM notifications
           WHERE recipient_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Notification' },
    people: ['actor_id'],
  },
  {
    key: 'notificationsSent',
    sql: `SELECT id, kind, recipient_id, data, created_at FROM notifications
           WHERE actor_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Notification' },
    people: ['recipient_id'],
    erase: async ({ db, userId }) => {
      await db.query(
        `DELETE FROM notifications WHERE strpos(data::text, $1) > 0 OR strpos(data::text, $2) > 0`,
        [userId, toGlobalId('User', userId)],
      );
    },
  },
  /** The kinds the person muted; the row goes with the account (the foreign key cascades). */
  {
    key: 'notificationSettings',
    shape: 'one',
    sql: 'SELECT muted, updated_at FROM notification_settings WHERE user_id = $1',
  },
];
