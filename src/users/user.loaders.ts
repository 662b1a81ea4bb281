import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { User } from './user.entity';

/** Users by id, batched per operation; a deleted account loads as null. */
@Injectable()
export class UserLoaders {
  private readonly users = new EntityRows(this.db.dataSource, User);
  private readonly byIds = `SELECT ${this.users.select('u')} FROM users u WHERE u.id = ANY($1::uuid[])`;

  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      byId: new DataLoader<string, User | null>(async (ids) => {
        const rows = await this.db.prepared(this.byIds, [ids]);
        const byId = new Map(rows.map((row) => this.users.from(row)).map((u) => [u.id, u]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    }));
  }
}
