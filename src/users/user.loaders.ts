import DataLoader from 'dataloader';
import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { User } from './user.entity';

/** Users by id, batched per operation; a deleted account loads as null. */
export function createUserLoaders(db: Database) {
  const users = new EntityRows(db.dataSource, User);
  const byIds = `SELECT ${users.select('u')} FROM users u WHERE u.id = ANY($1::uuid[])`;
  return (_ctx: Context) => ({
    byId: new DataLoader<string, User | null>(async (ids) => {
      const rows = await db.prepared(byIds, [ids]);
      const byId = new Map(rows.map((row) => users.from(row)).map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  });
}
