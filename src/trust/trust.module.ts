import type { DomainModule } from '../core/module';
import { PrivacyEvents } from '../privacy/privacy.events';
import { Block } from './block.entity';
import { RecommendationCandidateService } from './recommendation-candidate.service';
import { TrustRingsService } from './trust-rings.service';
import { TrustAnnouncementService } from './trust-announcement.service';
import { TrustEdge } from './trust-edge.entity';
import { trustPersonalData } from './trust.personal-data';
import { TrustResolver } from './trust.resolver';
import { UserTrustFieldsResolver } from './user-trust-fields.resolver';

export const trustModule: DomainModule = {
  name: 'trust',
  entities: [TrustEdge, Block],
  resolvers: [TrustResolver, UserTrustFieldsResolver],
  personalData: trustPersonalData,
  async start(container) {
    container.get(RecommendationCandidateService).listen();
    container.get(TrustRingsService).listen();
    // Discoverability and trust-list audiences change what others' trust edges mean to them: announced as trust changes.
    const announcements = container.get(TrustAnnouncementService);
    container
      .get(PrivacyEvents)
      .onSettingsChanged(({ userId, settings }) => announcements.settingsChanged(userId, settings));
  },
};
