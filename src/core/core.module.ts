import type { DomainModule } from './module';
import { NodeResolver } from './relay/node.resolver';

export const coreModule: DomainModule = { name: 'core', entities: [], resolvers: [NodeResolver] };
