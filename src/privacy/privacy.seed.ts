import { createContext } from '../core/context';
import type { Container } from '../core/container';
import type { Village } from '../seed/users.seed';
import { Audience } from '../users/user.entity';
import { PrivacyService } from './privacy.service';

/** A few villagers who chose differently: Eva avoids nuts and meat, Anna wants suggestions, Jakob keeps to himself. */
export async function seedPrivacy(container: Container, { users }: Village): Promise<void> {
  const privacy = container.get(PrivacyService);
  const as = (handle: string) => createContext(container, { id: users[handle].id }, 'seed', 'seed');
  await privacy.updateSettings(as('eva'), users.eva.id, { personalization: true });
  await privacy.updatePreferences(as('eva'), users.eva.id, {
    avoidTags: ['nuts', 'meat'],
    maxOffersPerWeek: 5,
  });
  await privacy.updateSettings(as('anna'), users.anna.id, { personalization: true });
  await privacy.updatePreferences(as('anna'), users.anna.id, { interests: ['cheese', 'bread'] });
  await privacy.updateSettings(as('jakob'), users.jakob.id, {
    profileAudience: Audience.TRUST_NETWORK,
    acceptRecommendationsFrom: Audience.PRIVATE,
  });
}
