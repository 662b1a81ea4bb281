import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** How often each instance settles what it counted with the shared store. */
export const SETTLE_INTERVAL_MS = 250;

/** What one key's budget looks like to this instance. */
interface Tally {
  /** The shared count at the last settlement (every instance's requests in the window). */
  shared: number;
  /** Counted here since, not yet sent to the store. */
  pending: number;
  /** Sent to the store, its answer not yet here. */
  inFlight: number;
  /** When the shared window ends (ms since the epoch); 0 before the first settlement. */
  resetAt: number;
  /** The settlement under way for this key, if any. */
  settling: Promise<void> | null;
}

/**
 * A request budget counted in this instance's memory and settled with the shared store in batches: a request
 * costs no round trip to the store. Each key's requests are sent to the store together (one `consume` of their
 * sum) every SETTLE_INTERVAL_MS, or at once when `batch` of them are waiting; the store's answer tells the
 * instance the count of all instances, against which the next requests are judged here. So an instance may let
 * through at most one batch more than the budget (what it counted before it learned of the others'), and a
 * deployment of N instances at most N batches. A key whose batch is full waits for its settlement.
 */
export class BatchedBudget {
  private readonly tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly points: number,
    readonly batch: number,
  ) {
    this.timer = setInterval(() => this.settleAll(), SETTLE_INTERVAL_MS);
    this.timer.unref();
  }

  /** Counts one request; resolves to the milliseconds until the budget has room again when it is spent, else -1. */
  async consume(key: string): Promise<number> {
    if (this.batch === 1) return this.exact(key);
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { shared: 0, pending: 0, inFlight: 0, resetAt: 0, settling: null };
      this.tallies.set(key, tally);
    }
    const now = Date.now();
    if (tally.resetAt && now >= tally.resetAt && !tally.settling) {
      tally.shared = 0;
      tally.resetAt = 0;
    }
    // Never more than one batch let through that the store has not confirmed.
    while (tally.pending + tally.inFlight >= this.batch) {
      if (!tally.settling) this.settle(key, tally);
      await tally.settling;
    }
    if (tally.shared + tally.inFlight + tally.pending >= this.points)
      return Math.max(1, tally.resetAt - Date.now());
    tally.pending++;
    if (tally.pending >= this.batch && !tally.settling) this.settle(key, tally);
    return -1;
  }

  /** A budget too small to batch: each request waits for the store's word, as without batching. */
  private async exact(key: string): Promise<number> {
    try {
      await this.limiter.consume(key, 1);
      return -1;
    } catch (reason) {
      if (reason instanceof RateLimiterRes) return reason.msBeforeNext;
      throw reason;
    }
  }

  /** Sends what is pending now and stops the timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.settleAll();
  }

  private settleAll(): Promise<unknown> {
    const now = Date.now();
    const work: Array<Promise<void>> = [];
    for (const [key, tally] of this.tallies) {
      if (tally.pending > 0 && !tally.settling) work.push(this.settle(key, tally));
      else if (!tally.pending && !tally.settling && tally.resetAt && now >= tally.resetAt)
        this.tallies.delete(key);
    }
    return Promise.all(work);
  }

  private settle(key: string, tally: Tally): Promise<void> {
    const points = tally.pending;
    tally.pending = 0;
    tally.inFlight = points;
    const done = this.limiter.consume(key, points).then(
      (res) => this.learn(tally, res),
      (reason: unknown) => {
        // A spent budget rejects with the count; anything else (the store away with no fallback) counts nothing.
        if (reason instanceof RateLimiterRes) this.learn(tally, reason);
      },
    );
    tally.settling = done.finally(() => {
      tally.inFlight = 0;
      tally.settling = null;
    });
    return tally.settling;
  }

  private learn(tally: Tally, res: RateLimiterRes): void {
    tally.shared = res.consumedPoints;
    tally.resetAt = Date.now() + res.msBeforeNext;
  }
}
