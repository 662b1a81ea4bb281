import { UserPoolsResolver } from './user-pools.resolver';
import { JobQueue } from '../core/jobs/job-queue';
import type { DomainModule } from '../core/module';
import { orNull } from '../core/relay/node';
import { OrderPoolResolver } from './order-pool.resolver';
import { PoolCatalogResolver, ProductPoolsResolver } from './pool-catalog.resolver';
import { CLOSE_QUEUE, type CloseJob, PoolClosingService } from './pool-closing.service';
import { PoolFieldsResolver } from './pool-fields.resolver';
import { PoolJoinKey } from './pool-join-key.entity';
import { PoolMembership } from './pool-membership.entity';
import { GroupBuyPool } from './pool.entity';
import { PoolResolver } from './pool.resolver';
import { PoolLoaders } from './pool.loaders';
import { PoolUpdatesResolver } from './pool-updates.resolver';
import { poolNotificationKinds } from './pools.notification-kinds';
import { poolPersonalData } from './pools.personal-data';

export const poolsModule: DomainModule = {
  name: 'pools',
  entities: [GroupBuyPool, PoolMembership, PoolJoinKey],
  resolvers: [
    UserPoolsResolver,
    PoolResolver,
    PoolFieldsResolver,
    PoolUpdatesResolver,
    OrderPoolResolver,
    PoolCatalogResolver,
    ProductPoolsResolver,
  ],
  nodeTypes: [
    {
      typeName: 'GroupBuyPool',
      fetch: (ctx, ids) => ctx.container.get(PoolLoaders).of(ctx).byId.loadMany(ids).then(orNull),
    },
  ],
  personalData: poolPersonalData,
  notificationKinds: poolNotificationKinds,
  /** Every instance works the close queue; pools overdue from a time when none ran are queued again. */
  async start(container) {
    const closing = container.get(PoolClosingService);
    await container.get(JobQueue).work<CloseJob>(CLOSE_QUEUE, async ({ poolId }) => {
      await closing.close(poolId);
    });
    await closing.scheduleOverdue();
  },
};
