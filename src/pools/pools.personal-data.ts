import type { ErasureContext, PersonalDataSection } from '../core/personal-data';
import { JOINABLE_SQL } from './pool.entity';
import { PoolClosingService } from './pool-closing.service';
import { PoolEvents } from './pool.events';
import { PoolMembershipService } from './pool-membership.service';

/**
 * A person's group buys. On erasure they leave every pool still open, as leavePool would, so that its committed
 * quantity, member count and status give their units back; a pool whose deadline has passed but whose close job has
 * not run yet is closed first (its orders then stay without the buyer, as every order does). Memberships of pools
 * that have ended go with the account; those pools keep the result they ended with.
 */
export const poolPersonalData: PersonalDataSection[] = [
  {
    key: 'poolMemberships',
    sql: `SELECT m.pool_id, p.product_id, p.status, m.quantity, m.created_at AS joined_at, m.updated_at
            FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
           WHERE m.user_id = $1 ORDER BY m.created_at, m.pool_id`,
    globalIds: { pool_id: 'GroupBuyPool', product_id: 'Product' },
    erase: leavePools,
  },
  {
    key: 'poolJoins',
    sql: `SELECT idempotency_key, pool_id, quantity, created_at FROM pool_join_keys
           WHERE user_id = $1 ORDER BY created_at, idempotency_key`,
    globalIds: { pool_id: 'GroupBuyPool' },
    erase: 'DELETE FROM pool_join_keys WHERE user_id = $1',
  },
  {
    key: 'poolsCreated',
    sql: `SELECT id, product_id, status, created_at FROM pools WHERE created_by_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'GroupBuyPool', product_id: 'Product' },
    erase: 'UPDATE pools SET created_by_id = NULL WHERE created_by_id = $1',
  },
];

async function leavePools({ db, container, userId }: ErasureContext): Promise<void> {
  const overdue = await db.query<{ poolId: string }>(
    `SELECT m.pool_id AS "poolId" FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
      WHERE m.user_id = $1 AND p.status IN ${JOINABLE_SQL} AND p.deadline <= clock_timestamp()
      ORDER BY m.pool_id`,
    [userId],
  );
  for (const { poolId } of overdue) {
    await container.get(PoolClosingService).close(poolId);
    // close announces at once, which inside this transaction is before the commit: announce again after it.
    await container.get(PoolEvents).changed(poolId);
  }
  await container.get(PoolMembershipService).leaveAll(userId);
}
