import { CustomEvent } from '@whatwg-node/events';
import createSubscriber, { type Subscriber } from 'pg-listen';

const CHANNEL = 'dorfmarkt_events';

type Listener = (event: CustomEvent) => void;
type ListenerOrObject = Listener | { handleEvent: Listener };

interface Envelope {
  topic: string;
  detail: unknown;
}

export interface ClosableEventTarget {
  addEventListener(topic: string, listener: ListenerOrObject | null): void;
  removeEventListener(topic: string, listener: ListenerOrObject | null): void;
  dispatchEvent(event: CustomEvent): boolean;
  close(): Promise<void>;
}

/**
 * An EventTarget shared by every instance on one PostgreSQL through LISTEN/NOTIFY: all topics travel on one
 * channel and are sorted here, so listening to a new topic costs no round trip. NOTIFY payloads are limited to
 * 8,000 bytes, so events carry ids and small facts, not whole objects. pg-listen reconnects on its own and
 * listens again; events published while the database is away are lost.
 */
export async function createPgEventTarget(connectionString: string): Promise<ClosableEventTarget> {
  // pg-listen gives up reconnecting after 3 s by default, which would leave events dead after a longer database
  // restart; keep trying (every 500 ms) for as long as the process lives.
  const subscriber: Subscriber<Record<string, Envelope>> = createSubscriber(
    { connectionString },
    { retryTimeout: Infinity },
  );
  const listeners = new Map<string, Set<Listener>>();
  subscriber.notifications.on(CHANNEL, (envelope: Envelope) => {
    for (const listener of listeners.get(envelope.topic) ?? []) {
      listener(new CustomEvent(envelope.topic, { detail: envelope.detail }));
    }
  });
  subscriber.events.on('error', () => undefined);
  await subscriber.connect();
  await subscriber.listenTo(CHANNEL);

  const unwrap = (l: ListenerOrObject): Listener => ('handleEvent' in l ? l.handleEvent : l);
  // One connection runs one query at a time: NOTIFYs wait their turn instead of piling onto the client.
  let sending: Promise<unknown> = Promise.resolve();
  return {
    addEventListener(topic, listener) {
      if (!listener) return;
      if (!listeners.has(topic)) listeners.set(topic, new Set());
      listeners.get(topic)!.add(unwrap(listener));
    },
    removeEventListener(topic, listener) {
      if (!listener) return;
      const set = listeners.get(topic);
      set?.delete(unwrap(listener));
      if (set?.size === 0) listeners.delete(topic);
    },
    dispatchEvent(event) {
      const envelope: Envelope = { topic: event.type, detail: event.detail ?? null };
      sending = sending.then(() => subscriber.notify(CHANNEL, envelope)).catch(() => undefined);
      return true;
    },
    close: () => subscriber.close(),
  };
}
