import type { DomainModule } from '../core/module';
import { authPersonalData } from './auth.personal-data';
import { AuthResolver } from './auth.resolver';
import { RefreshToken } from './refresh-token.entity';
import { SessionVersionService } from './session-version.service';

export const authModule: DomainModule = {
  name: 'auth',
  entities: [RefreshToken],
  resolvers: [AuthResolver],
  personalData: authPersonalData,
  start: async (container) => container.get(SessionVersionService).listen(),
};
