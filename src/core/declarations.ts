import type { DomainModule, NotificationKindDeclaration } from './module';
import type { PersonalDataSection } from './personal-data';
import type { NodeFetcher } from './relay/node';

/**
 * What every slice declared in its module, composed once per server from the list in `src/modules.ts` and put in
 * the container: `node(id:)` finds Node types here, export and erasure their sections, notifications their kinds.
 * A name declared twice is a mistake found at start, not a silent override.
 */
export class Declarations {
  private readonly fetchers = new Map<string, NodeFetcher>();
  private readonly kinds = new Map<string, NotificationKindDeclaration>();
  private readonly sections: PersonalDataSection[] = [];

  constructor(modules: readonly DomainModule[]) {
    for (const module of modules) {
      for (const { typeName, fetch } of module.nodeTypes ?? []) {
        once(this.fetchers, typeName, fetch, `Node type ${typeName}`);
      }
      for (const kind of module.notificationKinds ?? []) {
        once(this.kinds, kind.kind, kind, `notification kind ${kind.kind}`);
      }
      for (const section of module.personalData ?? []) {
        if (this.sections.some((s) => s.key === section.key)) {
          throw new Error(`personal data "${section.key}" is declared twice`);
        }
        this.sections.push(section);
      }
    }
  }

  /** How to fetch objects of a Node type; undefined for a type no slice declared. */
  nodeFetcher(typeName: string): NodeFetcher | undefined {
    return this.fetchers.get(typeName);
  }

  /** Every section of personal data, in the order of the modules. */
  personalData(): readonly PersonalDataSection[] {
    return this.sections;
  }

  notificationKind(kind: string): NotificationKindDeclaration | undefined {
    return this.kinds.get(kind);
  }

  /** Every notification kind some slice declared. */
  notificationKinds(): string[] {
    return [...this.kinds.keys()];
  }
}

function once<T>(map: Map<string, T>, key: string, value: T, what: string): void {
  if (map.has(key)) throw new Error(`${what} is declared twice`);
  map.set(key, value);
}
