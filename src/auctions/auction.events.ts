import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';

/** The topic of one call auction's changes (bids, withdrawals, the call). */
export const callAuctionTopic = (id: string) => `callAuction:${id}`;

/** The topic of one Dutch auction's takes and end; its price steps come from each instance's clock. */
export const dutchAuctionTopic = (id: string) => `dutchAuction:${id}`;

/** The payload: the id alone; listeners read the auction again. */
export interface AuctionChanged {
  id: string;
}

/** Changes of one auction within this long after the last one sent are merged into one, sent at its end. */
export const AUCTION_EVENT_WINDOW_MS = 50;

/**
 * Announces auction changes on the event bus after commit, merged per topic as pools' are: the first change of a
 * quiet auction goes out at once, changes within the next AUCTION_EVENT_WINDOW_MS as one event at its end. A burst
 * of bids thus sends a few events, and the last one follows the last change.
 */
@Injectable()
export class AuctionEvents {
  private readonly windows = new Map<string, { waiting: boolean }>();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  callAuctionChanged(id: string): Promise<void> {
    return this.db.afterCommit(() => this.announce(callAuctionTopic(id), id));
  }

  dutchAuctionChanged(id: string): Promise<void> {
    return this.db.afterCommit(() => this.announce(dutchAuctionTopic(id), id));
  }

  subscribe(topic: string): AsyncIterable<AuctionChanged> {
    return this.bus.subscribe(topic) as AsyncIterable<AuctionChanged>;
  }

  private announce(topic: string, id: string): void {
    const window = this.windows.get(topic);
    if (window) {
      window.waiting = true;
      return;
    }
    this.bus.publish(topic, { id } satisfies AuctionChanged);
    const opened = { waiting: false };
    this.windows.set(topic, opened);
    const close = () => {
      if (!opened.waiting) {
        this.windows.delete(topic);
        return;
      }
      opened.waiting = false;
      this.bus.publish(topic, { id } satisfies AuctionChanged);
      setTimeout(close, AUCTION_EVENT_WINDOW_MS).unref();
    };
    setTimeout(close, AUCTION_EVENT_WINDOW_MS).unref();
  }
}

/**
 * `{ id }` at once, then on every event of `source` and at every time `nextTick` names (a Dutch auction's price
 * steps, computed from its schedule on this instance's clock). Events waiting to be read merge into one, since each
 * one only says "read again". Returning stops the source and the timer at once.
 */
export function auctionFeed(
  id: string,
  source: AsyncIterable<AuctionChanged>,
  nextTick?: () => Promise<Date | null>,
): AsyncIterableIterator<AuctionChanged> {
  const events = source[Symbol.asyncIterator]();
  let pending = true;
  let done = false;
  let waiter: ((result: IteratorResult<AuctionChanged>) => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  const push = () => {
    if (done) return;
    if (waiter) {
      const resolve = waiter;
      waiter = null;
      resolve({ value: { id }, done: false });
    } else pending = true;
  };
  void (async () => {
    try {
      for (let next = await events.next(); !next.done && !done; next = await events.next()) push();
    } catch {
      // The bus closed: the feed ends with the server.
    }
  })();
  const arm = async () => {
    if (!nextTick || done) return;
    const at = await nextTick();
    if (!at || done) return;
    // A little past the step, so that a reader computing the price from the clock is on the new step.
    timer = setTimeout(
      () => {
        push();
        void arm();
      },
      Math.max(0, at.getTime() - Date.now()) + 5,
    );
    timer.unref();
  };
  void arm();
  const finish = (): Promise<IteratorResult<AuctionChanged>> => {
    done = true;
    clearTimeout(timer);
    waiter?.({ value: undefined, done: true });
    waiter = null;
    void events.return?.();
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (pending) {
        pending = false;
        return Promise.resolve({ value: { id }, done: false });
      }
      return new Promise((resolve) => (waiter = resolve));
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
