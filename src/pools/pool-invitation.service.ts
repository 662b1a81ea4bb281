import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { userError, UserErrorCode, UserFacingError, notFound } from '../core/errors/user-error';
import { toGlobalId } from '../core/relay/global-id';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { GroupBuyPool, JOINABLE_STATUSES } from './pool.entity';

export const MAX_INVITEES = 50;
export const INVITATION = 'POOL_INVITATION';
/** The userError code for an invitee the inviter does not trust. */
export const NOT_TRUSTED = 'NOT_TRUSTED';

/** Members invite people they trust into a pool: a notification each, once per inviter, pool and invitee. */
@Injectable()
export class PoolInvitationService {
  constructor(
    private readonly db: Database,
    private readonly notifications: NotificationSenderService,
  ) {}

  /** Invites; answers how many were newly invited (members and those invited before are skipped). */
  async invite(
    _ctx: Context,
    inviterId: string,
    poolId: string | null,
    ids: Array<string | null>,
  ): Promise<number> {
    if (!poolId) throw notFound('poolId', 'pool');
    if (ids.length === 0 || ids.length > MAX_INVITEES) {
      const code = ids.length === 0 ? UserErrorCode.TooShort : UserErrorCode.TooLong;
      throw UserFacingError.of('userIds', code, `Invite between 1 and ${MAX_INVITEES} people at once.`);
    }
    const pool = await this.db.repo(GroupBuyPool).findOneBy({ id: poolId });
    if (!pool) throw notFound('poolId', 'pool');
    const [member] = await this.db.query(
      `SELECT 1 FROM pool_memberships WHERE pool_id = $1 AND user_id = $2`,
      [poolId, inviterId],
    );
    if (!member) throw new ForbiddenError('Only members of a pool can invite to it.');
    if (pool.deadline.getTime() <= Date.now()) {
      throw UserFacingError.of('poolId', UserErrorCode.DeadlinePassed, 'This pool’s deadline has passed.');
    }
    if (!JOINABLE_STATUSES.includes(pool.status)) {
      throw UserFacingError.of('poolId', UserErrorCode.NotOpen, 'This pool is closed.');
    }
    const trusted = new Set(
      await this.trustedAmong(
        inviterId,
        ids.filter((id): id is string => id !== null),
      ),
    );
    const untrusted = ids.flatMap((id, i) => (id && trusted.has(id) ? [] : [i]));
    if (untrusted.length) {
      throw new UserFacingError(
        untrusted.map((i) =>
          userError(['userIds', String(i)], NOT_TRUSTED, 'You can invite only people you trust.'),
        ),
      );
    }
    const data = { poolId: toGlobalId('GroupBuyPool', poolId) };
    return this.db.transaction(async () => {
      const skipped = await this.db.query<{ id: string }>(
        `SELECT user_id AS id FROM pool_memberships WHERE pool_id = $1 AND user_id = ANY($2::uuid[])
         UNION SELECT recipient_id FROM notifications
          WHERE kind = $3 AND actor_id = $4 AND recipient_id = ANY($2::uuid[]) AND data->>'poolId' = $5`,
        [poolId, [...trusted], INVITATION, inviterId, data.poolId],
      );
      const skip = new Set(skipped.map((s) => s.id));
      const invitees = [...trusted].filter((id) => !skip.has(id));
      await this.notifications.sendToMany(invitees, INVITATION, data, inviterId);
      return invitees.length;
    });
  }

  /** Those among `ids` whom the inviter trusts directly, with no block between them either way. */
  private async trustedAmong(inviterId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT t.trustee_id AS id FROM trust_edges t
        WHERE t.truster_id = $1 AND t.trustee_id = ANY($2::uuid[])
          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = t.trustee_id)
                                                  OR (b.blocker_id = t.trustee_id AND b.blocked_id = $1))`,
      [inviterId, ids],
    );
    return rows.map((r) => r.id);
  }
}
