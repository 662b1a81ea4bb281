import { createEventBus, EventBus } from '../../src/core/pubsub/event-bus';
import { decodeGlobalId } from '../../src/core/relay/global-id';
import { TRUST_CHANGED, type TrustChanged, TrustEvents } from '../../src/trust/trust.events';
import { createTestDatabase } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { block, trust } from '../helpers/trust-factories';
import { createUser } from '../helpers/factories';

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

  it('carries to another instance, on its topic only, what JSON keeps of a payload', async () => {
    const topic = `test:${Math.random()}`;
    const events = receiver.subscribe(topic)[Symbol.asyncIterator]();
    await untilSubscribed(publisher, topic, events);
    publisher.publish(`${topic}:other`, { n: -1 });
    publisher.publish(topic, {
      n: 1,
      at: new Date(0),
      left: undefined,
      pairs: [{ truster: 'a', trustee: 'b' }],
    });
    const seen = await collectUntil(events, (e) => e.n === 1);
    // Crossing instances, a payload is JSON: a date arrives as its ISO text, an undefined field not at all.
    expect(seen.at(-1)).toEqual({
      n: 1,
      at: '1970-01-01T00:00:00.000Z',
      pairs: [{ truster: 'a', trustee: 'b' }],
    });
    expect(seen.filter((e) => e.n !== 0 && e.n !== 1)).toEqual([]); // leftover probes aside, nothing else
    await events.return?.();
  });
});

/** Trust changes made on one instance, as another instance's TrustEvents hear of them. */
describe.each(backends)('trust changes between instances over $name', ({ redisUrl }) => {
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    // An empty REDIS_URL is unset: the PostgreSQL case stays on PostgreSQL when the run has Redis too.
    const env = { REDIS_URL: redisUrl ?? '' };
    one = await startTestServer({ env });
    two = await startTestServer({ databaseUrl: one.databaseUrl, env });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('reach the other instance with the pairs whose trust changed: one way for trust, both ways for a block', async () => {
    const [anna, bernd] = [await createUser(one), await createUser(one)];
    const [a, b] = [anna, bernd].map((u) => decodeGlobalId(u.id).id);
    const events = two.container.get(TrustEvents).subscribe()[Symbol.asyncIterator]();
    await untilSubscribed(one.container.get(EventBus), TRUST_CHANGED, events);
    await trust(one.gql, anna, bernd.id, 4);
    const origin = expect.any(String);
    expect(await nextChange(events, [a, b])).toEqual({ pairs: [{ truster: a, trustee: b }], origin });
    await block(one.gql, bernd, anna.id);
    expect(await nextChange(events, [a, b])).toEqual({
      pairs: [
        { truster: b, trustee: a },
        { truster: a, trustee: b },
      ],
      origin,
    });
    await events.return?.();
  });
});

type Payload = { n: number; pairs?: unknown[] } & Record<string, unknown>;

/**
 * Redis subscribes per topic with a round trip: publish a probe (`{ n: 0 }`) until the listener has one. A probe on
 * the trust topic names no pairs, so that it tells no listener of a change.
 */
async function untilSubscribed(bus: EventBus, topic: string, events: AsyncIterator<unknown>): Promise<void> {
  const received = events.next();
  let done = false;
  void received.then(() => (done = true));
  for (let i = 0; i < 100 && !done; i++) {
    bus.publish(topic, { n: 0, pairs: [] });
    await Promise.race([received, new Promise((r) => setTimeout(r, 100))]);
  }
  expect(((await received).value as Payload).n).toBe(0);
}

/**
 * The next real change among these people, past any probes still arriving. A Redis is shared by every test file
 * running at the same time, so changes between other people may arrive on the topic too.
 */
async function nextChange(events: AsyncIterator<unknown>, people: string[]): Promise<TrustChanged> {
  for (;;) {
    const { value } = await events.next();
    const change = value as TrustChanged & { n?: number };
    const concerns = change.pairs.some((p) => people.includes(p.truster) || people.includes(p.trustee));
    if (change.n === undefined && concerns) return change;
  }
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
