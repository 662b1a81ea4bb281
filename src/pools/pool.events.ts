import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';

/** The topic on which changes of one pool are announced. */
export const poolTopic = (poolId: string) => `pool:${poolId}`;

/**
 * What crosses instances when a pool changes: its id alone (NOTIFY payloads are limited to 8 KB). Listeners read
 * the state again, so a late or merged event still leads to the true state.
 */
export interface PoolChanged {
  poolId: string;
}

/** Announcements of one pool within this long after the last one sent are merged into one, sent at its end. */
export const POOL_EVENT_WINDOW_MS = 100;

/**
 * Announces pool changes on the event bus, merged per pool: the first change of a quiet pool goes out at once,
 * changes during the next POOL_EVENT_WINDOW_MS go out as one event at its end, and so on while they keep coming.
 * A burst of hundreds of joins thus sends a few events (one NOTIFY each), not hundreds, and the last event always
 * follows the last change, so listeners end on the true state.
 */
@Injectable()
export class PoolEvents {
  /** Pools with an announcement in its window; true when another change is waiting for the window's end. */
  private readonly windows = new Map<string, { waiting: boolean }>();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  /** Announces the change after the current transaction commits (at once outside a transaction). */
  changed(poolId: string): Promise<void> {
    return this.db.afterCommit(() => this.announce(poolId));
  }

  /** Announces a change that is committed already. */
  announce(poolId: string): void {
    const window = this.windows.get(poolId);
    if (window) {
      window.waiting = true;
      return;
    }
    this.publish(poolId);
    const opened = { waiting: false };
    this.windows.set(poolId, opened);
    const close = () => {
      if (!opened.waiting) {
        this.windows.delete(poolId);
        return;
      }
      opened.waiting = false;
      this.publish(poolId);
      setTimeout(close, POOL_EVENT_WINDOW_MS).unref();
    };
    setTimeout(close, POOL_EVENT_WINDOW_MS).unref();
  }

  private publish(poolId: string): void {
    const event: PoolChanged = { poolId };
    this.bus.publish(poolTopic(poolId), event);
  }
}
