import type { Container } from './container';
import type { Database } from './db/database';

/** What the person chose for their writings when erasing the account (deleteMyAccount's `reviews`). */
export interface ErasureOptions {
  reviews: 'DELETE' | 'ANONYMIZE';
}

export interface ErasureContext {
  db: Database;
  container: Container;
  userId: string;
  options: ErasureOptions;
}

export type Row = Record<string, unknown>;

/**
 * One kind of record stored about a person, declared in the `personalData` of the module whose slice owns its
 * table (`src/<slice>/<slice>.personal-data.ts`). exportMyData runs every section's `sql` and deleteMyAccount
 * every section's erasure, so a new table is covered by one declaration:
 *
 *   {
 *     key: 'poolJoins',
 *     sql: 'SELECT idempotency_key, pool_id, quantity, created_at FROM pool_join_keys WHERE user_id = $1',
 *     globalIds: { pool_id: 'GroupBuyPool' },
 *     erase: 'DELETE FROM pool_join_keys WHERE user_id = $1',
 *   }
 *
 * An erasure writes only its own slice's tables; one that changes rows others count (a rating, a pool's committed
 * quantity) corrects the counters in the same transaction, or goes through the slice's own service.
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
   * open pools through the pool service) that may also answer with a statement to run. Leave it out where the
   * foreign keys cascade or set null.
   */
  erase?: string | ((ctx: ErasureContext) => string | null | Promise<void>);
}
