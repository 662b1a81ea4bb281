import { CustomEvent } from '@whatwg-node/events';
import Redis from 'ioredis';
import type { ClosableEventTarget } from './pg-event-target';

type Listener = (event: CustomEvent) => void;
type ListenerOrObject = Listener | { handleEvent: Listener };

/**
 * An EventTarget shared by every instance through Redis publish/subscribe, one Redis channel per topic. It
 * follows @graphql-yoga/redis-event-target, whose SUBSCRIBE and PUBLISH promises are left unhandled: a Redis
 * that goes away or a client that closes mid-command would end the process. Here every command's failure is
 * handled; both clients reconnect on their own, the subscriber subscribes again, and commands sent meanwhile
 * wait in ioredis's offline queue.
 */
export function createRedisEventTarget(redisUrl: string): ClosableEventTarget {
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: null });
  // The ready check sends INFO, which a connection that resubscribes on reconnect may no longer send.
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
  // Connection errors are followed by a reconnect; ioredis would otherwise print each one to stderr.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  const listeners = new Map<string, Set<Listener>>();
  subscriber.on('message', (topic: string, message: string) => {
    const detail: unknown = message === '' ? null : JSON.parse(message);
    for (const listener of listeners.get(topic) ?? []) listener(new CustomEvent(topic, { detail }));
  });
  const unwrap = (l: ListenerOrObject): Listener => ('handleEvent' in l ? l.handleEvent : l);

  return {
    addEventListener(topic, listener) {
      if (!listener) return;
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        subscriber.subscribe(topic).catch(() => undefined);
      }
      set.add(unwrap(listener));
    },
    removeEventListener(topic, listener) {
      if (!listener) return;
      const set = listeners.get(topic);
      set?.delete(unwrap(listener));
      if (set?.size === 0) {
        listeners.delete(topic);
        subscriber.unsubscribe(topic).catch(() => undefined);
      }
    },
    dispatchEvent(event) {
      const message = event.detail === undefined ? '' : JSON.stringify(event.detail);
      publisher.publish(event.type, message).catch(() => undefined);
      return true;
    },
    close: async () => {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
