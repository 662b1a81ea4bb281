import { Injectable } from '../core/container';
import { EventBus } from '../core/pubsub/event-bus';
import { type GroupBuyPool, JOINABLE_STATUSES } from './pool.entity';
import { poolTopic } from './pool.events';
import { PoolRowService } from './pool-row.service';

type Listener = (pool: GroupBuyPool) => void;

interface SharedFeed {
  listeners: Set<Listener>;
  source: AsyncIterator<unknown>;
  refreshing: boolean;
  dirty: boolean;
}

/**
 * Live pool state for this instance's subscribers. Each watched pool has one bus subscription and one reader,
 * shared by all its local subscribers: an event (from any instance) makes the reader load the pool once, and a
 * burst of events while it loads makes it load once more afterwards, so the last state read is always the true
 * one. Each subscriber keeps only the newest state it has not sent yet, so a slow one skips states, never lags.
 */
@Injectable()
export class PoolFeedService {
  private readonly feeds = new Map<string, SharedFeed>();

  constructor(
    private readonly poolRows: PoolRowService,
    private readonly bus: EventBus,
  ) {}

  /** The pool now, then every newer state; ends after a final status (succeeded, failed, cancelled). */
  watch(poolId: string): AsyncIterableIterator<GroupBuyPool> {
    const feed = this.feedOf(poolId);
    let pending: GroupBuyPool | null = null;
    let wake: (() => void) | null = null;
    let closed = false;
    let sent = -1;
    let ended = false;
    const listener: Listener = (pool) => {
      pending = pool;
      wake?.();
    };
    feed.listeners.add(listener);
    const finish = async (): Promise<IteratorResult<GroupBuyPool>> => {
      closed = true;
      wake?.();
      if (feed.listeners.delete(listener) && feed.listeners.size === 0) this.release(poolId, feed);
      return { value: undefined, done: true };
    };
    const emit = (pool: GroupBuyPool): IteratorResult<GroupBuyPool> => {
      sent = pool.revision;
      ended = !JOINABLE_STATUSES.includes(pool.status);
      return { value: pool, done: false };
    };
    const next = async (): Promise<IteratorResult<GroupBuyPool>> => {
      if (closed || ended) return finish();
      if (sent < 0) {
        const now = await this.load(poolId);
        return now ? emit(now) : finish();
      }
      for (;;) {
        while (!pending && !closed) await new Promise<void>((resolve) => (wake = resolve));
        if (closed || !pending) return finish();
        const pool: GroupBuyPool = pending;
        pending = null;
        if (pool.revision > sent) return emit(pool);
      }
    };
    return {
      next,
      return: finish,
      throw: async (error) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  load(poolId: string): Promise<GroupBuyPool | null> {
    return this.poolRows.findCommitted(poolId);
  }

  private feedOf(poolId: string): SharedFeed {
    const existing = this.feeds.get(poolId);
    if (existing) return existing;
    const source = this.bus.subscribe(poolTopic(poolId))[Symbol.asyncIterator]();
    const feed: SharedFeed = { listeners: new Set(), source, refreshing: false, dirty: false };
    this.feeds.set(poolId, feed);
    void this.pump(poolId, feed);
    return feed;
  }

  private async pump(poolId: string, feed: SharedFeed): Promise<void> {
    for (;;) {
      const { done } = await feed.source.next();
      if (done) return;
      void this.refresh(poolId, feed);
    }
  }

  private async refresh(poolId: string, feed: SharedFeed): Promise<void> {
    if (feed.refreshing) {
      feed.dirty = true;
      return;
    }
    feed.refreshing = true;
    try {
      do {
        feed.dirty = false;
        const pool = await this.load(poolId);
        if (pool) for (const listener of feed.listeners) listener(pool);
      } while (feed.dirty);
    } catch {
      // The next event reads again; a subscriber is never left on a state older than the last one read.
    } finally {
      feed.refreshing = false;
    }
  }

  private release(poolId: string, feed: SharedFeed): void {
    if (this.feeds.get(poolId) === feed) this.feeds.delete(poolId);
    void feed.source.return?.();
  }
}
