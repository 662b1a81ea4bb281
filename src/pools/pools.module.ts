import type { DomainModule } from '../core/module';
import { PoolCatalogResolver, ProductPoolsResolver } from './pool-catalog.resolver';
import { JobQueue } from '../core/jobs/job-queue';
import { registerNodeType } from '../core/relay/node';
import { GroupBuyPool } from './pool.entity';
import { PoolJoinKey } from './pool-join-key.entity';
import { PoolMembership } from './pool-membership.entity';
import { CLOSE_QUEUE, type CloseJob, PoolClosing } from './pool-closing';
import { OrderPoolResolver } from './order-pool.resolver';
import { PoolFieldsResolver } from './pool-fields.resolver';
import { PoolResolver } from './pool.resolver';
import { PoolService } from './pool.service';
import { PoolUpdatesResolver } from './pool-updates.resolver';
import './pools.notification-kinds';
import './pools.personal-data';

registerNodeType('GroupBuyPool', GroupBuyPool, (ctx, ids) =>
  ctx.container.get(PoolService).loaders(ctx).byId.loadMany(ids).then(orNull),
);

function orNull<T>(values: Array<T | Error>): Array<T | null> {
  return values.map((v) => (v instanceof Error ? null : v));
}

export const poolsModule: DomainModule = {
  name: 'pools',
  entities: [GroupBuyPool, PoolMembership, PoolJoinKey],
  resolvers: [
    PoolResolver,
    PoolFieldsResolver,
    PoolUpdatesResolver,
    OrderPoolResolver,
    PoolCatalogResolver,
    ProductPoolsResolver,
  ],
  /** Every instance works the close queue; pools overdue from a time when none ran are queued again. */
  async start(container) {
    const closing = container.get(PoolClosing);
    await container.get(JobQueue).work<CloseJob>(CLOSE_QUEUE, async ({ poolId }) => {
      await closing.close(poolId);
    });
    await closing.scheduleOverdue();
  },
};
