import { randomUUID } from 'node:crypto';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';

/** The topic every instance listens to for changes of the trust graph. */
export const TRUST_CHANGED = 'trust:changed';

/** A directed pair whose trust edge or block changed. */
export interface TrustPair {
  truster: string;
  trustee: string;
}

/**
 * Published after commit whenever trust edges or blocks change; small (ids only), since it crosses instances
 * (a NOTIFY payload holds at most 8,000 bytes). A block lists both directions, as it removes trust both ways.
 */
export interface TrustChanged {
  pairs: TrustPair[];
  /** The instance that made the change, which has applied it at commit already (`onCommit`). */
  origin?: string;
}

@Injectable()
export class TrustEvents {
  private readonly committed = new Set<(change: TrustChanged) => void>();
  /** This instance, as the origin of the changes it announces. */
  private readonly origin = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  /** Announces the change once the surrounding transaction has committed; never after a rollback. */
  changed(...pairs: TrustPair[]): Promise<void> {
    const event: TrustChanged = { pairs, origin: this.origin };
    return this.db.afterCommit(() => {
      for (const listener of this.committed) listener(event);
      this.bus.publish(TRUST_CHANGED, event);
    });
  }

  /**
   * Calls `listener` with each change made on this instance, right after commit and before the mutation answers:
   * for what must be current in this instance's very next read, which the event bus cannot promise.
   */
  onCommit(listener: (change: TrustChanged) => void): void {
    this.committed.add(listener);
  }

  /** Every change from now on, from every instance. */
  subscribe(): AsyncIterable<TrustChanged> {
    return this.bus.subscribe(TRUST_CHANGED) as AsyncIterable<TrustChanged>;
  }

  /**
   * The changes other instances make, from now on: for a listener that hears this instance's own at commit
   * (`onCommit`), so that the bus's late echo of a change it has applied does not undo what it did since.
   */
  async *fromOthers(): AsyncIterable<TrustChanged> {
    for await (const change of this.subscribe()) if (change.origin !== this.origin) yield change;
  }
}
