import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Counts the work a graceful stop waits for: HTTP requests, and queries and mutations over WebSocket
 * (subscriptions do not count: they end when their socket closes).
 */
export class InFlight {
  private count = 0;
  /** Set once stopping began: answers close their connections and new WebSocket operations are refused. */
  draining = false;

  /** Counts one piece of work; call the returned function (any number of times) when it ends. */
  begin(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (!ended) this.count--;
      ended = true;
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when nothing is in flight any more, or at `deadline` (epoch ms), whichever comes first. */
  async settled(deadline: number): Promise<void> {
    while (this.count > 0 && Date.now() < deadline) await sleep(25);
  }
}
