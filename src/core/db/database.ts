import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/** Statement names by text, shared by every Database of the process (names are per connection in PostgreSQL). */
const statementNames = new Map<string, string>();

/**
 * The text as a named prepared statement, for `query(…)` of TypeORM (a manager, the data source): pg takes a
 * `{ name, text }` config where TypeORM passes the text through, and TypeORM only hands it on.
 */
export function preparedStatement(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `d_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql } as unknown as string;
}

interface TransactionScope {
  manager: EntityManager;
  afterCommit: Array<() => unknown>;
  signal?: AbortSignal;
}

/**
 * The data access every service uses. `transaction` opens a transaction, or joins the one already open in
 * this async call chain, so a service never decides the scope for its callers. Work registered with
 * `afterCommit` (publishing events) runs only once the outermost transaction has committed, and never after
 * a rollback: a subscriber must not see a change that did not happen.
 */
export class Database {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the transaction in progress, or the plain one outside a transaction. */
  get manager(): EntityManager {
    const current = this.scope.getStore();
    // An aborted transaction runs no further statement: the error rolls it back.
    current?.signal?.throwIfAborted();
    return current?.manager ?? this.dataSource.manager;
  }

  /** Whether this async call chain is inside a transaction. */
  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, params);
  }

  /**
   * Like `query`, as a named prepared statement: each connection parses and plans the text once, then only binds
   * and executes it. For the hottest reads, whose text is one of a few constants.
   */
  prepared<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(preparedStatement(sql), params);
  }

  /**
   * With a `signal` (outermost transaction only), an abort makes the next statement of the transaction fail, so
   * that long work (the demo village) stops and rolls back whole when the process is asked to stop.
   */
  async transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: { signal?: AbortSignal } = {},
  ): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const afterCommit: Array<() => unknown> = [];
    const { signal } = options;
    const result = await this.dataSource.transaction((manager) =>
      this.scope.run({ manager, afterCommit, signal }, () => work(manager)),
    );
    for (const task of afterCommit) await task();
    return result;
  }

  /** Runs `task` after the current transaction commits, or at once when none is open. */
  async afterCommit(task: () => unknown): Promise<void> {
    const current = this.scope.getStore();
    if (current) current.afterCommit.push(task);
    else await task();
  }
}
