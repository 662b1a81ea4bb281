import { createPubSub } from '@graphql-yoga/subscription';
import type { PubSub } from 'type-graphql';
import { createPgEventTarget } from './pg-event-target';
import { createRedisEventTarget } from './redis-event-target';

/**
 * The one publish/subscribe path between server instances, used by every subscription. Topics are strings such
 * as `pool:<id>`; payloads must be JSON, since they cross processes.
 */
export abstract class EventBus implements PubSub {
  abstract readonly backend: 'postgres' | 'redis';
  abstract publish(topic: string, payload: unknown): void;
  abstract subscribe(topic: string): AsyncIterable<unknown>;
  abstract close(): Promise<void>;
}

export interface EventBusOptions {
  databaseUrl: string;
  redisUrl?: string;
}

export async function createEventBus({ databaseUrl, redisUrl }: EventBusOptions): Promise<EventBus> {
  if (redisUrl) {
    const target = createRedisEventTarget(redisUrl);
    return wrap('redis', createPubSub({ eventTarget: target }), () => target.close());
  }
  const target = await createPgEventTarget(databaseUrl);
  return wrap('postgres', createPubSub({ eventTarget: target }), () => target.close());
}

function wrap(
  backend: EventBus['backend'],
  pubsub: ReturnType<typeof createPubSub>,
  close: () => Promise<void>,
): EventBus {
  return {
    backend,
    publish: (topic: string, payload: unknown) => pubsub.publish(topic as never, payload as never),
    subscribe: (topic: string) => pubsub.subscribe(topic as never) as AsyncIterable<unknown>,
    close,
  };
}
