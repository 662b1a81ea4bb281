import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { NodeService } from '../core/relay/node.service';
import { Notification } from './notification.entity';

/** Per-operation loaders: notifications by id, and what they are about by global ID (any Node type). */
@Injectable()
export class NotificationLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      /** Resolved as `nodes(ids:)` resolves them, so each type's own visibility rules apply. */
      subject: new DataLoader<string, object | null>(
        (globalIds) => ctx.container.get(NodeService).fetch(ctx, globalIds),
        { maxBatchSize: 100 },
      ),
      byId: byIdLoader(this.db, Notification),
    }));
  }
}
