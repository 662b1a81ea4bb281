import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import type { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { TrustEvents, type TrustPair } from './trust.events';

const trustRules = z.object({ level: rules.intRange('The trust level', 1, 5) });

/** Namespace of the advisory locks that serialise trust and block changes of one pair of users. */
const PAIR_LOCK = 0x7472;

/**
 * Whom a user trusts and blocks. Rules: levels 1..5 (trusting again sets the level); nobody trusts themselves;
 * no trust edge exists, in either direction, between two users when either has blocked the other.
 */
@Injectable()
export class TrustService {
  constructor(
    private readonly db: Database,
    private readonly users: UserLoaders,
    private readonly events: TrustEvents,
  ) {}

  /** The viewer trusts `userId` at `level`; returns that user. */
  async trust(ctx: Context, viewerId: string, userId: string | null, level: number): Promise<User> {
    validate(trustRules, { level });
    const user = await this.other(ctx, viewerId, userId);
    await this.db.transaction(async () => {
      await this.lockPair(viewerId, user.id);
      await this.refuseIfBlocked(viewerId, user.id);
      const changed = await this.db.query(
        `INSERT INTO trust_edges (truster_id, trustee_id, level) VALUES ($1, $2, $3)
         ON CONFLICT (truster_id, trustee_id) DO UPDATE SET level = EXCLUDED.level, updated_at = now()
         WHERE trust_edges.level <> EXCLUDED.level
         RETURNING 1`,
        [viewerId, user.id, level],
      );
      if (changed.length) await this.events.changed({ truster: viewerId, trustee: user.id });
    });
    return user;
  }

  /** The viewer stops trusting `userId`; nothing happens when they did not. */
  async untrust(ctx: Context, viewerId: string, userId: string | null): Promise<User> {
    const user = await this.other(ctx, viewerId, userId);
    await this.db.transaction(async () => {
      const removed = await this.db.query(
        'DELETE FROM trust_edges WHERE truster_id = $1 AND trustee_id = $2 RETURNING 1',
        [viewerId, user.id],
      );
      if (removed.length) await this.events.changed({ truster: viewerId, trustee: user.id });
    });
    return user;
  }

  /** The viewer blocks `userId`: trust is removed both ways, and each is hidden from the other's recommendations. */
  async block(ctx: Context, viewerId: string, userId: string | null): Promise<User> {
    const user = await this.other(ctx, viewerId, userId);
    await this.db.transaction(async () => {
      await this.lockPair(viewerId, user.id);
      const blocked = await this.db.query(
        'INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
        [viewerId, user.id],
      );
      await this.db.query(
        `DELETE FROM trust_edges WHERE (truster_id = $1 AND trustee_id = $2) OR (truster_id = $2 AND trustee_id = $1)`,
        [viewerId, user.id],
      );
      if (blocked.length) await this.events.changed(...bothWays(viewerId, user.id));
    });
    return user;
  }

  /** The viewer lifts their block of `userId`; trust removed by the block stays removed. */
  async unblock(ctx: Context, viewerId: string, userId: string | null): Promise<User> {
    const user = await this.other(ctx, viewerId, userId);
    await this.db.transaction(async () => {
      const removed = await this.db.query(
        'DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2 RETURNING 1',
        [viewerId, user.id],
      );
      if (removed.length) await this.events.changed(...bothWays(viewerId, user.id));
    });
    return user;
  }

  /** The user named by the input, who must exist and not be the viewer. */
  private async other(ctx: Context, viewerId: string, userId: string | null): Promise<User> {
    const user = userId ? await this.users.of(ctx).byId.load(userId) : null;
    if (!user) throw UserFacingError.of('userId', UserErrorCode.NotFound, 'There is no such user.');
    if (user.id === viewerId) {
      throw UserFacingError.of('userId', UserErrorCode.SelfReference, 'You cannot trust or block yourself.');
    }
    return user;
  }

  private async refuseIfBlocked(viewerId: string, userId: string): Promise<void> {
    const [block] = await this.db.query<{ blocker_id: string }>(
      `SELECT blocker_id FROM blocks
        WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1) LIMIT 1`,
      [viewerId, userId],
    );
    if (!block) return;
    throw UserFacingError.of(
      'userId',
      UserErrorCode.Blocked,
      block.blocker_id === viewerId
        ? 'You have blocked this person: unblock them before trusting them.'
        : 'This person has blocked you, so you cannot trust them.',
    );
  }

  /** Serialises trust and block changes of one pair, so that a trust racing a block cannot outlive it. */
  private async lockPair(a: string, b: string): Promise<void> {
    const [low, high] = a < b ? [a, b] : [b, a];
    await this.db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PAIR_LOCK, `${low}:${high}`]);
  }
}

function bothWays(a: string, b: string): TrustPair[] {
  return [
    { truster: a, trustee: b },
    { truster: b, trustee: a },
  ];
}
