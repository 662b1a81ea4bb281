/** The topic on which every change of one price request is published, after commit, from any instance. */
export function priceRequestTopic(requestId: string): string {
  return `priceRequest:${requestId}`;
}

/** The payload: only the id; subscribers read the request again, as their viewer may see it. */
export interface PriceRequestChanged {
  id: string;
}

/**
 * `first`, then every event of `source`. The source starts listening at once, before `first` is even read, so
 * nothing published between the subscriber's first read and its listening is lost. Returning (the client
 * unsubscribes) stops the source at once, even while it waits for an event.
 */
export function startingWith<T>(first: T, source: AsyncIterable<T>): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  const pending = events.next();
  let step = 0;
  return {
    next() {
      step++;
      if (step === 1) return Promise.resolve({ value: first, done: false });
      return step === 2 ? pending : events.next();
    },
    return() {
      return events.return?.() ?? Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
