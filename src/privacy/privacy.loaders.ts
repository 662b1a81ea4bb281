import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import type { User } from '../users/user.entity';
import { Preferences } from './preferences.entity';

/** The audience columns of a users row, as AudiencePolicy reads them. */
export type AudienceColumns = Pick<
  User,
  'profileAudience' | 'trustListAudience' | 'poolParticipationAudience' | 'orderHistoryAudience'
>;

/**
 * The privacy slice's loaders of one operation: preferences (the defaults for someone who never set any), and what
 * AudiencePolicy decides with: whether each owner trusts the viewer, and owners' audiences when only their id is known.
 */
@Injectable()
export class PrivacyLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      preferences: new DataLoader<string, Preferences>(async (userIds) => {
        const rows = await this.db.repo(Preferences).findBy({ userId: In([...userIds]) });
        const byUser = new Map(rows.map((p) => [p.userId, p]));
        return userIds.map((id) => byUser.get(id) ?? Preferences.defaults(id));
      }),
      ownerTrustsViewer: new DataLoader<string, boolean>(async (ownerIds) => {
        const rows = await this.db.query<{ truster_id: string }>(
          'SELECT truster_id FROM trust_edges WHERE trustee_id = $1 AND truster_id = ANY($2::uuid[])',
          [ctx.viewer!.id, ownerIds],
        );
        const trusting = new Set(rows.map((r) => r.truster_id));
        return ownerIds.map((id) => trusting.has(id));
      }),
      audiences: new DataLoader<string, AudienceColumns | null>(async (ownerIds) => {
        const rows = await this.db.query<AudienceColumns & { id: string }>(
          `SELECT id, profile_audience AS "profileAudience", trust_list_audience AS "trustListAudience",
                  pool_participation_audience AS "poolParticipationAudience", order_history_audience AS "orderHistoryAudience"
             FROM users WHERE id = ANY($1::uuid[])`,
          [ownerIds],
        );
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ownerIds.map((id) => byId.get(id) ?? null);
      }),
    }));
  }
}
