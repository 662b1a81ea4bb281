import type { Container } from './container';
import type { PersonalDataSection } from './personal-data';
import type { NodeFetcher } from './relay/node';

/** A Node type a slice owns, and how `node(id:)` fetches objects of it by local id. */
export interface NodeTypeDeclaration {
  typeName: string;
  fetch: NodeFetcher;
}

/**
 * How one kind of notification reads, so that a notification's `message` and `subject` need nothing but the stored
 * row. Declared by the slice that sends the kind.
 */
export interface NotificationKindDeclaration {
  /** The stable word clients switch on, e.g. `POOL_SUCCEEDED`. */
  kind: string;
  /** The sentence a person reads; `actor` is the actor's display name, null for the system. */
  message(actor: string | null, data: Record<string, unknown>): string;
  /** The global ID of what the notification is about (a product, a pool), or null. */
  subject?(data: Record<string, unknown>): string | null;
}

/**
 * What a domain slice contributes, all of it declared here rather than registered by importing a file: its TypeORM
 * entities (whose tables only this slice writes), its resolver classes, the Node types it owns, the personal data
 * it stores about people, the notification kinds it sends, and work to start with the server (queue workers,
 * event listeners). `src/modules.ts` lists every slice and composes them.
 */
export interface DomainModule {
  name: string;
  entities: Function[];
  resolvers: Function[];
  nodeTypes?: NodeTypeDeclaration[];
  personalData?: PersonalDataSection[];
  notificationKinds?: NotificationKindDeclaration[];
  start?: (container: Container) => Promise<void>;
}
