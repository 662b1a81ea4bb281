import type { DomainModule } from '../core/module';
import { recommendationNotificationKinds } from './recommendations.notification-kinds';
import { ProductRecommendationResolver, RecommendedProductsResolver } from './recommended-products.resolver';
import { WordOfMouthResolver } from './word-of-mouth.resolver';

/**
 * Recommendations between people and to them: word of mouth (recommendProduct) and the viewer's personal product
 * recommendations. It owns no table: it reads other slices' and tells people through notifications.
 */
export const recommendationsModule: DomainModule = {
  name: 'recommendations',
  entities: [],
  resolvers: [WordOfMouthResolver, RecommendedProductsResolver, ProductRecommendationResolver],
  notificationKinds: recommendationNotificationKinds,
};
