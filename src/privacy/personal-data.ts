import type { Container } from '../core/container';
import type { Database } from '../core/db/database';
import { toGlobalId } from '../core/relay/global-id';
import type { ReviewErasure } from './privacy.inputs';

export interface ErasureOptions {
  reviews: ReviewErasure;
}

export interface ErasureContext {
  db: Database;
  container: Container;
  userId: string;
  options: ErasureOptions;
}

/**
 * One kind of record stored about a person, declared by the slice that owns its table, beside its module
 * (`src/<slice>/<slice>.personal-data.ts`). exportMyData runs every section's `sql` and deleteMyAccount every
 * section's erasure, so a new table is covered by one declaration:
 *
 *   registerPersonalData({
 *     key: 'poolJoins',
 *     sql: 'SELECT idempotency_key, pool_id, quantity, created_at FROM pool_join_keys WHERE user_id = $1',
 *     globalIds: { pool_id: 'GroupBuyPool' },
 *     erase: 'DELETE FROM pool_join_keys WHERE user_id = $1',
 *   });
 *
 * An erasure that changes rows others count (a rating, a pool's committed quantity) corrects the counters in the
 * same transaction, or goes through the slice's own service (see reviews.personal-data.ts, pools.personal-data.ts).
 */
export interface PersonalDataSection {
  /** The key of the section in the export document. */
  key: string;
  /** Reads the person's records; `$1` is their user id. Columns come out in camelCase. */
  sql: string;
  /** `one` for a single record (null when there is none), `many` (the default) for a list. */
  shape?: 'one' | 'many';
  /** Columns holding database ids, shown as global IDs of the type named (or chosen per row). */
  globalIds?: Record<string, string | ((row: Row) => string | null)>;
  /** Columns holding user ids, shown as `{ handle, id }` of those people; `trustee_id` becomes `trustee`. */
  people?: string[];
  /**
   * What erasure does before the users row goes: a statement (`$1` is the user id), or work of its own (leaving
   * open pools through the pool service). Leave it out where the foreign keys cascade or set null.
   */
  erase?: string | ((ctx: ErasureContext) => string | null | Promise<void>);
}

export type Row = Record<string, unknown>;

const sections: PersonalDataSection[] = [];

export function registerPersonalData(...declared: PersonalDataSection[]): void {
  for (const section of declared) {
    if (sections.some((s) => s.key === section.key)) throw new Error(`personal data "${section.key}" twice`);
    sections.push(section);
  }
}

export function personalDataSections(): readonly PersonalDataSection[] {
  return sections;
}

/** Shapes one section's rows: camelCase keys, global IDs, people by handle (from `handles`). */
export function shapeRows(
  section: PersonalDataSection,
  rows: Row[],
  handles: ReadonlyMap<string, string>,
): unknown {
  const shaped = rows.map((row) => {
    const out: Row = {};
    for (const [column, value] of Object.entries(row)) {
      const global = section.globalIds?.[column];
      if (section.people?.includes(column)) {
        const id = value as string | null;
        out[camel(column.replace(/_id$/, ''))] = id
          ? { handle: handles.get(id) ?? null, id: toGlobalId('User', id) }
          : null;
      } else if (global && value != null) {
        const type = typeof global === 'function' ? global(row) : global;
        out[camel(column)] = type ? toGlobalId(type, value as string) : value;
      } else {
        out[camel(column)] = value instanceof Date ? value.toISOString() : value;
      }
    }
    return out;
  });
  return section.shape === 'one' ? (shaped[0] ?? null) : shaped;
}

/** Every user id a section's rows name in a people column. */
export function peopleIn(section: PersonalDataSection, rows: Row[]): string[] {
  return (section.people ?? []).flatMap((column) =>
    rows.map((r) => r[column]).filter((id): id is string => typeof id === 'string'),
  );
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
