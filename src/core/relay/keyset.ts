import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidInputError } from '../errors/domain-errors';
import {
  type ConnectionResult,
  type PageArgs,
  type PageInfo,
  decodeCursor,
  encodeCursor,
  pageWindow,
} from './connection';

export interface KeysetOrder<T> {
  /**
   * The sort key, most significant first, ending with a unique column (the id): property paths such as
   * `review.createdAt` for `paginate`, SQL expressions such as `r.created_at` for `paginateSql`.
   */
  columns: string[];
  /** Reads the same key from a loaded row, for its cursor. */
  key: (row: T) => Array<string | number | Date | null>;
  direction: 'ASC' | 'DESC';
}

/** What a page asks of the database: rows after (or before) the cursor's key, in one direction, one too many. */
interface Window {
  limit: number;
  backward: boolean;
  /** The cursor's key; null on the first page. */
  key: unknown[] | null;
  ascending: boolean;
}

/**
 * Keyset pagination over a TypeORM query: a page starts right after (or before) the cursor's key, so pages stay
 * stable while rows are added, and the database seeks by index instead of skipping rows as OFFSET does.
 */
export async function paginate<T extends ObjectLiteral>(
  base: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<ConnectionResult<T>> {
  const window = windowOf(args, order);
  const query = base.clone();
  if (window.key) {
    const params = Object.fromEntries(window.key.map((v, i) => [`__k${i}`, v]));
    query.andWhere(
      `(${order.columns.join(', ')}) ${window.ascending ? '>' : '<'} (${window.key.map((_, i) => `:__k${i}`).join(', ')})`,
      params,
    );
  }
  const direction = window.ascending ? 'ASC' : 'DESC';
  order.columns.forEach((column, i) =>
    i === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction),
  );
  const rows = window.limit === 0 ? [] : await query.take(window.limit + 1).getMany();
  return { ...pageOf(rows, window, args, order), totalCount: () => base.clone().orderBy().getCount() };
}

/** The parts of a keyset page for hand-written SQL; the key's parameters are numbered from `firstParam`. */
export interface SqlKeyset {
  /** The condition on the cursor's key, `TRUE` on the first page. */
  where: string;
  orderBy: string;
  /** The page size plus one, to learn whether more follow. */
  limit: number;
  /** The values of `$firstParam`, `$firstParam + 1`, … */
  params: unknown[];
}

/**
 * The same keyset pagination over hand-written SQL: `fetch` runs the statement with the parts given; the caller
 * adds its own `totalCount`.
 */
export async function paginateSql<T>(
  args: PageArgs,
  order: KeysetOrder<T>,
  firstParam: number,
  fetch: (keyset: SqlKeyset) => Promise<T[]>,
): Promise<Omit<ConnectionResult<T>, 'totalCount'>> {
  const window = windowOf(args, order);
  const direction = window.ascending ? 'ASC' : 'DESC';
  const placeholders = (window.key ?? []).map((_, i) => `$${firstParam + i}`).join(', ');
  const rows =
    window.limit === 0
      ? []
      : await fetch({
          where: window.key
            ? `(${order.columns.join(', ')}) ${window.ascending ? '>' : '<'} (${placeholders})`
            : 'TRUE',
          orderBy: order.columns.map((column) => `${column} ${direction}`).join(', '),
          limit: window.limit + 1,
          params: window.key ?? [],
        });
  return pageOf(rows, window, args, order);
}

function windowOf<T>(args: PageArgs, order: KeysetOrder<T>): Window {
  const { limit, backward } = pageWindow(args);
  const cursor = backward ? args.before : args.after;
  const key = cursor ? decodeCursor(cursor) : null;
  if (key && key.length !== order.columns.length)
    throw new InvalidInputError('The cursor does not belong to this list.');
  return { limit, backward, key, ascending: (order.direction === 'ASC') !== backward };
}

function pageOf<T>(
  rows: T[],
  window: Window,
  args: PageArgs,
  order: KeysetOrder<T>,
): Omit<ConnectionResult<T>, 'totalCount'> {
  const { page, hasMore } = trimPage(rows, window.limit, window.backward);
  const edges = page.map((node) => new KeysetEdge(node, order.key));
  return { edges, pageInfo: keysetPageInfo(args, window.backward, hasMore, edges) };
}

/**
 * The page within rows fetched one too many, in the order the client reads it: the extra row only tells whether
 * more follow, and a backward page comes from the database in reverse, nearest the cursor first.
 */
export function trimPage<T>(
  rows: readonly T[],
  limit: number,
  backward: boolean,
): { page: T[]; hasMore: boolean } {
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  return { page, hasMore: rows.length > limit };
}

/**
 * The pageInfo of a keyset page. Only the direction read is probed (`hasMore`); for the other, a cursor given
 * is taken to mean that something lies beyond it, which spares a second query.
 */
export function keysetPageInfo(
  args: PageArgs,
  backward: boolean,
  hasMore: boolean,
  edges: ReadonlyArray<{ cursor: string }>,
): PageInfo {
  return {
    hasNextPage: backward ? Boolean(args.before) : hasMore,
    hasPreviousPage: backward ? hasMore : Boolean(args.after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** An edge whose cursor is encoded only when read: a client asking for `nodes` needs none but the page's ends. */
class KeysetEdge<T> {
  constructor(
    readonly node: T,
    private readonly key: KeysetOrder<T>['key'],
  ) {}

  get cursor(): string {
    return encodeCursor(this.key(this.node).map(toCursorValue));
  }
}

function toCursorValue(value: string | number | Date | null): string | number | null {
  return value instanceof Date ? value.toISOString() : value;
}
