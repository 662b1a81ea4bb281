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
}

@Injectable()
export class TrustEvents {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  /** Announces the change once the surrounding transaction has committed; never after a rollback. */
  changed(...pairs: TrustPair[]): Promise<void> {
    const event: TrustChanged = { pairs };
    return this.db.afterCommit(() => this.bus.publish(TRUST_CHANGED, event));
  }

  /** Every change from now on, from every instance. */
  subscribe(): AsyncIterable<TrustChanged> {
    return this.bus.subscribe(TRUST_CHANGED) as AsyncIterable<TrustChanged>;
  }
}
