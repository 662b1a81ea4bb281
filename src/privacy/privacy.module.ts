import type { DomainModule } from '../core/module';
import { WordOfMouthResolver } from '../recommendations/word-of-mouth.resolver';
import {
  ProductRecommendationResolver,
  RecommendedProductsResolver,
} from '../recommendations/recommended-products.resolver';
import { AccountDataResolver } from './account-data.resolver';
import { ConsentEvent } from './consent-event.entity';
import { Preferences } from './preferences.entity';
import { PrivacyFieldsResolver } from './privacy-fields.resolver';
import { PrivacyResolver } from './privacy.resolver';

/** Privacy settings and consent, preferences, data export and erasure, and word of mouth between people. */
export const privacyModule: DomainModule = {
  name: 'privacy',
  entities: [ConsentEvent, Preferences],
  resolvers: [
    PrivacyResolver,
    PrivacyFieldsResolver,
    AccountDataResolver,
    WordOfMouthResolver,
    RecommendedProductsResolver,
    ProductRecommendationResolver,
  ],
};
