import DataLoader from 'dataloader';
import type { Database } from '../db/database';
import { InvalidInputError } from '../errors/domain-errors';
import { decodeCursor, encodeCursor, type PageArgs, type PageInfo, pageWindow } from './connection';
import { keysetPageInfo, trimPage } from './keyset';

/** A child list paged per parent, e.g. the members of each pool, the orders of each user. */
export interface ChildList<R> {
  /** `FROM … WHERE …` with `$1` the array of parent ids, e.g. `FROM orders o WHERE o.buyer_id = ANY($1::uuid[])`. */
  from: string;
  /** The select list; must include the parent id and the sort key. */
  select: string;
  parentColumn: string;
  /** The sort key as two SQL columns, the second unique (an id). */
  columns: [string, string];
  direction: 'ASC' | 'DESC';
  parentOf: (row: R) => string;
  key: (row: R) => [Date, string];
}

export interface ChildPage<R> {
  rows: Array<{ row: R; cursor: string }>;
  pageInfo: PageInfo;
}

/**
 * A DataLoader of keyset pages, one per parent, all parents that ask with the same page arguments answered by
 * one statement (a window function numbers each parent's rows). So a list of 50 pools with their participants
 * costs one statement, not 50.
 */
export function childPagesLoader<R>(db: Database, list: ChildList<R>) {
  return new DataLoader<{ parentId: string; args: PageArgs }, ChildPage<R>, string>(
    async (keys) => {
      const groups = new Map<string, { args: PageArgs; parentIds: string[] }>();
      for (const { parentId, args } of keys) {
        const group = groups.get(argsKey(args)) ?? { args, parentIds: [] };
        group.parentIds.push(parentId);
        groups.set(argsKey(args), group);
      }
      const pages = new Map<string, ChildPage<R>>();
      for (const [key, { args, parentIds }] of groups) {
        const byParent = await fetchPages(db, list, parentIds, args);
        for (const parentId of parentIds) pages.set(`${key}|${parentId}`, byParent.get(parentId)!);
      }
      return keys.map(({ parentId, args }) => pages.get(`${argsKey(args)}|${parentId}`)!);
    },
    { cacheKeyFn: ({ parentId, args }) => `${argsKey(args)}|${parentId}` },
  );
}

const argsKey = (a: PageArgs) =>
  JSON.stringify([a.first ?? null, a.after ?? null, a.last ?? null, a.before ?? null]);

async function fetchPages<R>(
  db: Database,
  list: ChildList<R>,
  parentIds: string[],
  args: PageArgs,
): Promise<Map<string, ChildPage<R>>> {
  const { limit, backward } = pageWindow(args);
  const cursor = backward ? args.before : args.after;
  const ascending = (list.direction === 'ASC') !== backward;
  const params: unknown[] = [parentIds, limit + 1];
  let seek = '';
  if (cursor) {
    const key = decodeCursor(cursor);
    if (key.length !== 2) throw new InvalidInputError('The cursor does not belong to this list.');
    params.push(key[0], key[1]);
    seek = `AND (${list.columns.join(', ')}) ${ascending ? '>' : '<'} ($3::timestamptz, $4::uuid)`;
  }
  const order = list.columns.map((c) => `${c} ${ascending ? 'ASC' : 'DESC'}`).join(', ');
  const rows =
    limit === 0
      ? []
      : await db.query<R>(
          `SELECT * FROM (
             SELECT ${list.select}, row_number() OVER (PARTITION BY ${list.parentColumn} ORDER BY ${order}) AS row_number
             ${list.from} ${seek}
           ) numbered WHERE row_number <= $2 ORDER BY row_number`,
          params,
        );
  const byParent = new Map<string, R[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) byParent.get(list.parentOf(row))?.push(row);
  const pages = new Map<string, ChildPage<R>>();
  for (const [parentId, found] of byParent) {
    const { page, hasMore } = trimPage(found, limit, backward);
    const edges = page.map((row) => ({ row, cursor: encodeCursor(list.key(row).map(toCursorValue)) }));
    pages.set(parentId, { rows: edges, pageInfo: keysetPageInfo(args, backward, hasMore, edges) });
  }
  return pages;
}

const toCursorValue = (v: Date | string) => (v instanceof Date ? v.toISOString() : v);
