import type { DomainModule } from '../core/module';
import { authPersonalData } from './auth.personal-data';
import { AuthResolver } from './auth.resolver';
import { RefreshToken } from './refresh-token.entity';
import { SessionVersions } from './session-versions';

export const authModule: DomainModule = {
  name: 'auth',
  entities: [RefreshToken],
  resolvers: [AuthResolver],
  personalData: authPersonalData,
  start: async (container) => container.get(SessionVersions).listen(),
};
