import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from './database';
import { inOrder } from './in-order';

/** A per-operation DataLoader of `entity` rows by primary key: one statement per batch, null where none. */
export function byIdLoader<T extends { id: string }>(
  db: Database,
  entity: new () => T,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    return inOrder(ids, await db.repo(entity).findBy({ id: In([...ids]) } as never), (row) => row.id);
  });
}
