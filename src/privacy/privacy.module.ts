import type { DomainModule } from '../core/module';
import { AccountDataResolver } from './account-data.resolver';
import { ConsentEvent } from './consent-event.entity';
import { Preferences } from './preferences.entity';
import { PrivacyFieldsResolver } from './privacy-fields.resolver';
import { privacyPersonalData } from './privacy.personal-data';
import { PrivacyResolver } from './privacy.resolver';

/** Privacy settings and consent, preferences, data export and erasure. */
export const privacyModule: DomainModule = {
  name: 'privacy',
  entities: [ConsentEvent, Preferences],
  resolvers: [PrivacyResolver, PrivacyFieldsResolver, AccountDataResolver],
  personalData: privacyPersonalData,
};
