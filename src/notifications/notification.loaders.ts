import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import { NodeService } from '../core/relay/node.service';
import { Notification } from './notification.entity';

/** Per-operation loaders: notifications by id, and what they are about by global ID (any Node type). */
export function createNotificationLoaders(db: Database) {
  return (ctx: Context) => ({
    byId: new DataLoader<string, Notification | null>(async (ids) => {
      const rows = await db.repo(Notification).findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((n) => [n.id, n]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Resolved as `nodes(ids:)` resolves them, so each type's own visibility rules apply. */
    subject: new DataLoader<string, object | null>(
      (globalIds) => ctx.container.get(NodeService).fetch(ctx, globalIds),
      { maxBatchSize: 100 },
    ),
  });
}
