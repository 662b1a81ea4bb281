import type { Container } from './container';

/**
 * What a domain slice contributes: its TypeORM entities, its resolver classes, and work to start with the
 * server (queue workers, event listeners). `src/modules.ts` lists every slice.
 */
export interface DomainModule {
  name: string;
  entities: Function[];
  resolvers: Function[];
  start?: (container: Container) => Promise<void>;
}
