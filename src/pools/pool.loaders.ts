import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { inOrder } from '../core/db/in-order';
import type { GroupBuyPool } from './pool.entity';
import { PoolRowService } from './pool-row.service';
import { PoolMembership } from './pool-membership.entity';
import { childPagesLoader } from '../core/relay/pages-by-parent';

export interface MemberRow {
  poolId: string;
  userId: string;
  quantity: number;
  createdAt: Date;
}

/** Pools and memberships, batched per operation (and afresh for every event of a subscription). */
@Injectable()
export class PoolLoaders {
  constructor(
    private readonly db: Database,
    private readonly poolRows: PoolRowService,
  ) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      byId: new DataLoader<string, GroupBuyPool | null>(async (ids) =>
        inOrder(ids, await this.poolRows.find(ids), (p) => p.id),
      ),

      /** The viewer's membership of each pool; null when anonymous or not a member. */
      viewerMembership: new DataLoader<string, PoolMembership | null>(async (poolIds) => {
        if (!ctx.viewer) return poolIds.map(() => null);
        const rows = await this.db
          .repo(PoolMembership)
          .findBy({ userId: ctx.viewer.id, poolId: In([...poolIds]) });
        const byPool = new Map(rows.map((m) => [m.poolId, m]));
        return poolIds.map((id) => byPool.get(id) ?? null);
      }),

      /** Every member's user id, per pool, oldest member first. */
      memberIds: new DataLoader<string, string[]>(async (poolIds) => {
        const rows = await this.db.query<{ pool_id: string; user_id: string }>(
          `SELECT pool_id, user_id FROM pool_memberships WHERE pool_id = ANY($1::uuid[]) ORDER BY created_at, user_id`,
          [poolIds],
        );
        const byPool = new Map<string, string[]>(poolIds.map((id) => [id, []]));
        for (const row of rows) byPool.get(row.pool_id)!.push(row.user_id);
        return poolIds.map((id) => byPool.get(id)!);
      }),

      /** Pages of each pool's members, in the order they joined. */
      memberPages: childPagesLoader<MemberRow>(this.db, {
        select: 'm.pool_id AS "poolId", m.user_id AS "userId", m.quantity, m.created_at AS "createdAt"',
        from: 'FROM pool_memberships m WHERE m.pool_id = ANY($1::uuid[])',
        parentColumn: 'm.pool_id',
        columns: ['m.created_at', 'm.user_id'],
        direction: 'ASC',
        parentOf: (row) => row.poolId,
        key: (row) => [row.createdAt, row.userId],
      }),
    }));
  }
}
