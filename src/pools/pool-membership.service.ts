import { WebhookService } from '../apps/webhook.service';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { toGlobalId } from '../core/relay/global-id';
import { z } from 'zod';
import type { Context } from '../core/context';
import { notFound } from '../core/errors/user-error';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { type PageArgs, toConnection } from '../core/relay/connection';
import { rules, validate } from '../core/validation';
import { AudiencePolicy } from '../privacy/audience.policy';
import { TrustScoreService } from '../trust/trust-score.service';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { type GroupBuyPool, JOINABLE_SQL, PoolStatus } from './pool.entity';
import { PoolEvents } from './pool.events';
import { PoolJoinBatcherService, type JoinOutcome } from './pool-join-batcher.service';
import { PoolMembership } from './pool-membership.entity';
import { poolRefusal } from './pool-refusal';
import { PoolLoaders } from './pool.loaders';
import { PoolParticipantConnection } from './pool.types';

const joinRules = z.object({
  quantity: z.number().int().min(1, 'Join with at least 1 unit.'),
  idempotencyKey: rules.idempotencyKey,
});

export interface JoinPool {
  /** Null when the input's ID named something else than a pool. */
  poolId: string | null;
  quantity: number;
  idempotencyKey: string;
}

export interface Joined {
  pool: GroupBuyPool | null;
  membership: PoolMembership | null;
}

/** Joining and leaving pools, and who is in them as far as the viewer may see. */
@Injectable()
export class PoolMembershipService {
  constructor(
    private readonly db: Database,
    private readonly batcher: PoolJoinBatcherService,
    private readonly events: PoolEvents,
    private readonly pools: PoolLoaders,
    private readonly users: UserLoaders,
    private readonly trust: TrustScoreService,
    private readonly policy: AudiencePolicy,
    private readonly notifications: NotificationSenderService,
    private readonly webhooks: WebhookService,
  ) {}

  /**
   * Joins, or sets one's quantity. The join is decided under the pool's row lock (pool_join), coalesced with
   * concurrent joins of the same pool; it fits whole or is refused whole.
   */
  async join(_ctx: Context, userId: string, input: JoinPool): Promise<Joined> {
    const { poolId } = input;
    if (!poolId) throw notFound('poolId', 'pool');
    const { quantity, idempotencyKey } = validate(joinRules, input);
    const result = await this.batcher.join(poolId, { userId, quantity, idempotencyKey });
    if (result.outcome !== 'JOINED' && result.outcome !== 'REPLAYED') {
      throw poolRefusal(result.outcome, quantity, result.left ?? 0);
    }
    if (result.outcome === 'JOINED' && result.pool && result.pool.status !== PoolStatus.OPEN) {
      await this.tellTipped(poolId);
    }
    const membership =
      result.quantity === null
        ? null
        : Object.assign(new PoolMembership(), {
            poolId,
            userId,
            quantity: result.quantity,
            createdAt: result.joinedAt,
          });
    return { pool: result.pool, membership };
  }

  /**
   * The first time a pool stands at or above its tipping point, its members then are told, once: the status-guarded
   * stamp makes concurrent joins and instances tell them once between them.
   */
  private async tellTipped(poolId: string): Promise<void> {
    await this.db.transaction(async () => {
      const [tipped] = await this.db.query<{ id: string }>(
        `WITH stamped AS (
           UPDATE pools SET tipped_at = now() WHERE id = $1 AND tipped_at IS NULL AND status IN ('TIPPED', 'SOLD_OUT')
           RETURNING id)
         SELECT id FROM stamped`,
        [poolId],
      );
      if (!tipped) return;
      await this.webhooks.record('pool.tipped', [poolId]);
      const members = await this.db.query<{ user_id: string }>(
        'SELECT user_id FROM pool_memberships WHERE pool_id = $1',
        [poolId],
      );
      await this.notifications.sendToMany(
        members.map((m) => m.user_id),
        'POOL_TIPPED',
        { poolId: toGlobalId('GroupBuyPool', poolId) },
      );
    });
  }

  /** Leaves a pool before its deadline; the status may fall back below the tipping point. */
  async leave(ctx: Context, userId: string, poolId: string | null): Promise<GroupBuyPool | null> {
    if (!poolId) throw notFound('poolId', 'pool');
    const [{ outcome }] = await this.db.query<{ outcome: JoinOutcome | 'LEFT' | 'NOT_A_MEMBER' }>(
      'SELECT pool_leave($1, $2) AS outcome',
      [poolId, userId],
    );
    if (outcome !== 'LEFT') throw poolRefusal(outcome, 0, 0);
    await this.events.changed(poolId);
    return this.pools.of(ctx).byId.load(poolId);
  }

  /**
   * Takes a user out of every pool still before its deadline, as leavePool would (for erasing an account, which
   * would otherwise drop the memberships without giving back their units). Runs in the caller's transaction.
   */
  async leaveAll(userId: string): Promise<void> {
    const open = await this.db.query<{ pool_id: string }>(
      `SELECT m.pool_id FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
        WHERE m.user_id = $1 AND p.status IN ${JOINABLE_SQL} AND p.deadline > now()`,
      [userId],
    );
    for (const { pool_id: poolId } of open) {
      const [{ outcome }] = await this.db.query<{ outcome: string }>('SELECT pool_leave($1, $2) AS outcome', [
        poolId,
        userId,
      ]);
      if (outcome === 'LEFT') await this.events.changed(poolId);
    }
  }

  viewerMembership(ctx: Context, pool: GroupBuyPool): Promise<PoolMembership | null> {
    return this.pools.of(ctx).viewerMembership.load(pool.id);
  }

  /**
   * A page of the pool's members in the order they joined, leaving out those whose pool-participation audience
   * excludes the viewer (so a page may hold fewer than asked). `totalCount` counts every member.
   */
  async participants(ctx: Context, pool: GroupBuyPool, args: PageArgs): Promise<object> {
    const page = await this.pools.of(ctx).memberPages.load({ parentId: pool.id, args });
    const users = await this.usersVisibleAsMembers(
      ctx,
      page.rows.map((r) => r.row.userId),
    );
    const edges = page.rows.flatMap(({ row, cursor }, i) => {
      const user = users[i];
      return user ? [{ cursor, node: user, quantity: row.quantity, joinedAt: row.createdAt }] : [];
    });
    return toConnection(PoolParticipantConnection, {
      edges,
      pageInfo: page.pageInfo,
      totalCount: async () => pool.memberCount,
    });
  }

  /** Members the viewer trusts (propagated trust, 3 hops), most trusted first, as far as they show it. */
  async trustedParticipants(ctx: Context, pool: GroupBuyPool, first: number): Promise<User[]> {
    if (!ctx.viewer) return [];
    const viewerId = ctx.viewer.id;
    const members = (await this.pools.of(ctx).memberIds.load(pool.id)).filter((id) => id !== viewerId);
    const scores = await this.trust.ofMany(ctx, members);
    const trusted = members
      .map((id, i) => ({ id, score: scores[i] }))
      .filter((m): m is { id: string; score: number } => m.score !== null)
      .sort((a, b) => b.score - a.score);
    const users = await this.usersVisibleAsMembers(
      ctx,
      trusted.map((m) => m.id),
    );
    return users.filter((u): u is User => u !== null).slice(0, first);
  }

  /** The users, each null where missing or where their pool-participation audience excludes the viewer. */
  private async usersVisibleAsMembers(ctx: Context, ids: string[]): Promise<Array<User | null>> {
    const users = await this.users.of(ctx).byId.loadMany(ids);
    return Promise.all(
      users.map(async (user) =>
        user instanceof User && (await this.policy.canSee(ctx, user, 'poolParticipation')) ? user : null,
      ),
    );
  }
}
