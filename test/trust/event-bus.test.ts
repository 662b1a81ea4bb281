import { createEventBus, type EventBus } from '../../src/core/pubsub/event-bus';
import { createTestDatabase } from '../helpers/database';

const backends = [
  { name: 'postgres', redisUrl: undefined },
  ...(process.env.TEST_REDIS_URL ? [{ name: 'redis', redisUrl: process.env.TEST_REDIS_URL }] : []),
];

/** Two buses stand for two server instances: each has its own connection, only the database or Redis is shared. */
describe.each(backends)('the event bus over $name', ({ name, redisUrl }) => {
  let publisher: EventBus;
  let receiver: EventBus;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    [publisher, receiver] = await Promise.all([
      createEventBus({ databaseUrl, redisUrl }),
      createEventBus({ databaseUrl, redisUrl }),
    ]);
  });
  afterAll(() => Promise.all([publisher.close(), receiver.close()]));

  it('says which backend it uses', () => {
    expect([publisher.backend, receiver.backend]).toEqual([name, name]);
  });

  it('delivers a JSON payload published by one instance to a listener of another, on its topic only', async () => {
    const topic = `test:${Math.random()}`;
    const events = receiver.subscribe(topic)[Symbol.asyncIterator]();
    const received = events.next();
    await waitUntilSubscribed(publisher, topic, received, { n: 0 });
    publisher.publish(`${topic}:other`, { n: -1 });
    publisher.publish(topic, { n: 1, pairs: [{ truster: 'a', trustee: 'b' }] });
    const seen = await collectUntil(events, (e) => e.n === 1);
    expect(seen.at(-1)).toEqual({ n: 1, pairs: [{ truster: 'a', trustee: 'b' }] });
    expect(seen.filter((e) => e.n !== 0 && e.n !== 1)).toEqual([]); // leftover probes aside, nothing else
    await events.return?.();
  });
});

type Payload = { n: number; pairs?: unknown[] };

/** Redis subscribes per topic with a round trip: publish a probe until the listener has one. */
async function waitUntilSubscribed(
  bus: EventBus,
  topic: string,
  received: Promise<IteratorResult<unknown>>,
  probe: Payload,
): Promise<void> {
  let done = false;
  void received.then(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    bus.publish(topic, probe);
    await Promise.race([received, new Promise((r) => setTimeout(r, 100))]);
  }
  expect(((await received).value as Payload).n).toBe(0);
}

/** Every event up to and including the first that matches, in order. */
async function collectUntil(
  events: AsyncIterator<unknown>,
  match: (e: Payload) => boolean,
): Promise<Payload[]> {
  const seen: Payload[] = [];
  while (!seen.length || !match(seen.at(-1)!)) seen.push((await events.next()).value as Payload);
  return seen;
}
