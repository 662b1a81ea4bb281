import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '../errors/domain-errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page of a connection stands in the whole list.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last edge of this page.' })
  hasNextPage: boolean;

  @Field({ description: 'Whether more items precede the first edge of this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null on an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null on an empty page.' })
  endCursor: string | null;
}

/** The standard Relay pagination arguments, as every connection field takes them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a paginator returns; `totalCount` is counted only when a client asks for it. */
export interface ConnectionResult<T, E extends Edge<T> = Edge<T>> {
  edges: E[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface ConnectionClasses {
  Connection: ClassType;
  Edge: ClassType;
}

/**
 * Builds `<Name>Connection` and `<Name>Edge` for a node type. An edge class of one's own (with fields such as a
 * trust level) can be passed; it must extend the edge made here via `edgeBase`.
 */
export function connectionOf<T extends object>(
  name: string,
  nodeType: () => ClassType<T>,
  description: string,
  EdgeClass?: ClassType,
): ConnectionClasses {
  @ObjectType(`${name}Edge`, { description: `One ${description} in a page, with its cursor.` })
  class DefaultEdge {
    @Field({ description: 'Pass to `after` or `before` to page from this edge.' })
    cursor: string;

    @Field(nodeType, { description: `The ${description}.` })
    node: T;
  }
  const Edge = EdgeClass ?? DefaultEdge;

  @ObjectType(`${name}Connection`, { description: `A page of ${description}s.` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges: Edge<T>[];

    @Field(() => [nodeType()], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.edges.map((e) => e.node);
    }

    @Field(() => PageInfo, { description: 'How to fetch the pages around this one.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages.' })
    totalCount(): Promise<number> {
      return this.count();
    }

    count: () => Promise<number>;
  }
  return { Connection, Edge };
}

/** Wraps a paginator's result in the connection class the schema declares. */
export function toConnection<T>(cls: ClassType, result: ConnectionResult<T>): object {
  return Object.assign(new cls(), {
    edges: result.edges,
    pageInfo: result.pageInfo,
    count: result.totalCount,
  });
}

export function emptyConnection<T>(cls: ClassType): object {
  return toConnection<T>(cls, {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => 0,
  });
}

/** Validates page arguments: `first` or `last`, each 0..MAX_PAGE_SIZE; the default page holds DEFAULT_PAGE_SIZE. */
export function pageWindow(args: PageArgs): { limit: number; backward: boolean } {
  const { first, last } = args;
  if (first != null && last != null) throw new InvalidInputError('Pass `first` or `last`, not both.');
  const size = first ?? last ?? DEFAULT_PAGE_SIZE;
  if (size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidInputError(
      `\`${first != null ? 'first' : 'last'}\` must be between 0 and ${MAX_PAGE_SIZE}.`,
    );
  }
  return { limit: size, backward: last != null || (args.before != null && first == null) };
}

/** Cursors are opaque to clients: base64url of the JSON of the row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key)) return key;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError(`"${cursor.slice(0, 64)}" is not a valid cursor.`);
}
