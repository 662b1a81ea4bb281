import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EventBus } from '../core/pubsub/event-bus';

/** The topic on which every change of one order is announced, after commit, from any instance. */
export const orderTopic = (orderId: string) => `order:${orderId}`;

/** What crosses instances when an order changes: its id alone; listeners read the order again. */
export interface OrderChanged {
  id: string;
}

/** Announces order changes on the event bus once the transaction that made them has committed. */
@Injectable()
export class OrderEvents {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
  ) {}

  changed(orderId: string): Promise<void> {
    return this.db.afterCommit(() =>
      this.bus.publish(orderTopic(orderId), { id: orderId } satisfies OrderChanged),
    );
  }

  subscribe(orderId: string): AsyncIterable<unknown> {
    return this.bus.subscribe(orderTopic(orderId));
  }
}
