import { coreModule } from './core/core.module';
import type { DomainModule } from './core/module';
import { auctionsModule } from './auctions/auctions.module';
import { appsModule } from './apps/apps.module';
import { authModule } from './auth/auth.module';
import { biddingModule } from './bidding/bidding.module';
import { catalogModule } from './catalog/catalog.module';
import { offersModule } from './offers/offers.module';
import { notificationsModule } from './notifications/notifications.module';
import { ordersModule } from './orders/orders.module';
import { poolsModule } from './pools/pools.module';
import { privacyModule } from './privacy/privacy.module';
import { recommendationsModule } from './recommendations/recommendations.module';
import { reviewsModule } from './reviews/reviews.module';
import { trustModule } from './trust/trust.module';
import { usersModule } from './users/users.module';

/**
 * Every domain slice, in dependency order. This is the one place where the slices are put together: the schema
 * takes their resolvers, the data source their entities, and each server's container what they declare (Declarations).
 */
export const modules: DomainModule[] = [
  coreModule,
  usersModule,
  authModule,
  trustModule,
  catalogModule,
  appsModule,
  reviewsModule,
  ordersModule,
  poolsModule,
  biddingModule,
  auctionsModule,
  privacyModule,
  recommendationsModule,
  offersModule,
  notificationsModule,
];

export const entities = modules.flatMap((m) => m.entities);
export const resolvers = modules.flatMap((m) => m.resolvers);
