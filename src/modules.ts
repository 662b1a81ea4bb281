import type { DomainModule } from './core/module';
import { coreModule } from './core/core.module';
import { usersModule } from './users/users.module';
import { authModule } from './auth/auth.module';
import { trustModule } from './trust/trust.module';
import { catalogModule } from './catalog/catalog.module';
import { reviewsModule } from './reviews/reviews.module';
import { ordersModule } from './orders/orders.module';
import { poolsModule } from './pools/pools.module';
import { biddingModule } from './bidding/bidding.module';
import { privacyModule } from './privacy/privacy.module';
import { notificationsModule } from './notifications/notifications.module';

/** Every domain slice, in dependency order. */
export const modules: DomainModule[] = [
  coreModule,
  usersModule,
  authModule,
  trustModule,
  catalogModule,
  reviewsModule,
  ordersModule,
  poolsModule,
  biddingModule,
  privacyModule,
  notificationsModule,
];

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
