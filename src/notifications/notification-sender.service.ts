import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';
import { notificationTopic, type NotificationPublished } from './notification.events';

export { notificationTopic };

export interface SentNotification {
  id: string;
  recipientId: string;
}

/**
 * Writes notifications in the caller's transaction (or on their own when none is open) and announces each to
 * its recipient after commit, so that nobody is told of something that was rolled back. `data` holds ids and
 * small facts only; `actorId` is who caused it (none for the system).
 */
@Injectable()
export class NotificationSenderService {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  async send(
    recipientId: string,
    kind: string,
    data: Record<string, unknown>,
    actorId?: string | null,
  ): Promise<SentNotification | null> {
    const [sent] = await this.sendToMany([recipientId], kind, data, actorId);
    // Null when the recipient muted the kind.
    return sent ?? null;
  }

  /**
   * One notification of the same kind and data for each recipient, in one statement; recipients who muted the kind
   * (notification_settings) get none.
   */
  async sendToMany(
    recipientIds: readonly string[],
    kind: string,
    data: Record<string, unknown>,
    actorId: string | null = null,
  ): Promise<SentNotification[]> {
    if (recipientIds.length === 0) return [];
    const sent = await this.db.query<SentNotification>(
      `INSERT INTO notifications (recipient_id, actor_id, kind, data)
       SELECT recipient, $2, $3::text, $4 FROM unnest($1::uuid[]) AS recipient
        WHERE NOT EXISTS (SELECT 1 FROM notification_settings s WHERE s.user_id = recipient AND $3::text = ANY(s.muted))
       RETURNING id, recipient_id AS "recipientId"`,
      [recipientIds, actorId, kind, JSON.stringify(data)],
    );
    await this.db.afterCommit(() => {
      for (const n of sent)
        this.bus.publish(notificationTopic(n.recipientId), { id: n.id } satisfies NotificationPublished);
    });
    return sent;
  }
}
