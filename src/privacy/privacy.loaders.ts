import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import { Preferences } from './preferences.entity';

/** Preferences by user id, batched per operation; the defaults for someone who never set any. */
export function createPrivacyLoaders(db: Database) {
  return (_ctx: Context) => ({
    preferences: new DataLoader<string, Preferences>(async (userIds) => {
      const rows = await db.repo(Preferences).findBy({ userId: In([...userIds]) });
      const byUser = new Map(rows.map((p) => [p.userId, p]));
      return userIds.map((id) => byUser.get(id) ?? Preferences.defaults(id));
    }),
  });
}
