import { Injectable } from '../core/container';
import { Database, preparedStatement } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { GroupBuyPool } from './pool.entity';

/**
 * Pools by id in one prepared statement, as entities: the hot reads of the join batcher (the state after every
 * batch), the live feed (after every event) and the operation's loaders.
 */
@Injectable()
export class PoolRowService {
  private readonly rows = new EntityRows(this.db.dataSource, GroupBuyPool);
  private readonly byIds = `SELECT ${this.rows.select('p')} FROM pools p WHERE p.id = ANY($1::uuid[])`;

  constructor(private readonly db: Database) {}

  /** In the caller's transaction, if one is open. */
  async find(ids: readonly string[]): Promise<GroupBuyPool[]> {
    return (await this.db.prepared(this.byIds, [ids])).map((row) => this.rows.from(row));
  }

  /** Outside any transaction: what is committed now. */
  async findCommitted(id: string): Promise<GroupBuyPool | null> {
    const rows: Array<Record<string, unknown>> = await this.db.dataSource.query(
      preparedStatement(this.byIds),
      [[id]],
    );
    return rows.length ? this.rows.from(rows[0]) : null;
  }
}
