import type { DomainModule } from '../core/module';
import { Block } from './block.entity';
import { RecommendationCandidates } from './recommendation-candidates';
import { TrustEdge } from './trust-edge.entity';
import { TrustResolver } from './trust.resolver';
import { UserTrustFieldsResolver } from './user-trust-fields.resolver';

export const trustModule: DomainModule = {
  name: 'trust',
  entities: [TrustEdge, Block],
  resolvers: [TrustResolver, UserTrustFieldsResolver],
  start: async (container) => container.get(RecommendationCandidates).listen(),
};
