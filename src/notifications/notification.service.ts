import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { userError, UserErrorCode, UserFacingError } from '../core/errors/user-error';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { Notification } from './notification.entity';
import { NotificationLoaders } from './notification.loaders';

/** One recipient's notifications: the list, read state. Sending is NotificationSenderService's. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly loaders: NotificationLoaders,
  ) {}

  /** A notification, only for its recipient; null for anyone else. */
  async findForRecipient(ctx: Context, id: string): Promise<Notification | null> {
    const found = await this.loaders.of(ctx).byId.load(id);
    return found && found.recipientId === ctx.viewer?.id ? found : null;
  }

  /** Newest first; `unreadOnly` leaves out those already read. */
  list(
    _ctx: Context,
    recipientId: string,
    page: PageArgs,
    unreadOnly = false,
  ): Promise<ConnectionResult<Notification>> {
    const query = this.db
      .repo(Notification)
      .createQueryBuilder('n')
      .where('n.recipientId = :recipientId', { recipientId });
    if (unreadOnly) query.andWhere('n.readAt IS NULL');
    return paginate(query, page, {
      columns: ['n.createdAt', 'n.id'],
      key: (n) => [n.createdAt, n.id],
      direction: 'DESC',
    });
  }

  /**
   * Marks the given notifications read, or all of the recipient's when `ids` is null. An id that is not one of
   * the recipient's is NOT_FOUND (for `ids[i]`), and then nothing changes. Returns how many remain unread.
   */
  async markRead(_ctx: Context, recipientId: string, ids: Array<string | null> | null): Promise<number> {
    return this.db.transaction(async () => {
      if (ids) {
        const named = ids.filter((id): id is string => id !== null);
        const owned = await this.db.query<{ id: string }>(
          'SELECT id FROM notifications WHERE recipient_id = $1 AND id = ANY($2::uuid[])',
          [recipientId, named],
        );
        const found = new Set(owned.map((r) => r.id));
        const missing = ids.flatMap((id, i) => (id && found.has(id) ? [] : [i]));
        if (missing.length) {
          throw new UserFacingError(
            missing.map((i) =>
              userError(
                ['ids', String(i)],
                UserErrorCode.NotFound,
                'There is no such notification of yours.',
              ),
            ),
          );
        }
      }
      await this.db.query(
        `UPDATE notifications SET read_at = now()
          WHERE recipient_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
        [recipientId, ids],
      );
      const [{ count }] = await this.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND read_at IS NULL',
        [recipientId],
      );
      return count;
    });
  }
}
