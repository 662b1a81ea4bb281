import { CREATE_POOL, inSeconds, JOIN_POOL, key, POOL, STANDARD_TIERS } from '../helpers/pools-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { EventBus } from '../../src/core/pubsub/event-bus';
import { decodeGlobalId } from '../../src/core/relay/global-id';
import { POOL_EVENT_WINDOW_MS, poolTopic } from '../../src/pools/pool.events';
import { createUsers, type TestUser, createShop } from '../helpers/factories';
import { rows } from '../helpers/database';

describe('pools under concurrent joins', () => {
  let a: TestServer;
  let b: TestServer;
  let merchant: TestUser;
  let product: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ databaseUrl: a.databaseUrl });
    [merchant] = await createUsers(a, 1, 'shop');
    ({ product } = await createShop(a, { staff: [merchant], stock: 1000 }));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  async function openPool(capacity: number): Promise<string> {
    const res = await a.gql(
      CREATE_POOL,
      {
        input: { productId: product, tiers: STANDARD_TIERS.slice(0, 2), capacity, deadline: inSeconds(3600) },
      },
      merchant.token,
    );
    return res.data.createPool.pool.id;
  }

  /** Every person joins with 1 unit, all at once, alternating between the two instances. */
  function joinAtOnce(poolId: string, people: TestUser[]) {
    return Promise.all(
      people.map((person, i) =>
        (i % 2 ? a : b).gql(
          JOIN_POOL,
          { input: { poolId, quantity: 1, idempotencyKey: key() } },
          person.token,
        ),
      ),
    );
  }

  it('sells exactly the capacity to 200 people joining at once on two instances, and refuses the rest with SOLD_OUT', async () => {
    const poolId = await openPool(50);
    const people = await createUsers(a, 200, 'crowd');
    const results = await joinAtOnce(poolId, people);
    expect(results.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    const joined = results.filter((r) => r.data.joinPool.userErrors.length === 0);
    const refused = results.filter((r) => r.data.joinPool.userErrors.length > 0);
    expect(joined).toHaveLength(50);
    expect(joined.every((r) => r.data.joinPool.membership.quantity === 1)).toBe(true);
    expect(refused.map((r) => r.data.joinPool.userErrors)).toEqual(
      Array.from({ length: 150 }, () => [
        { field: ['input', 'quantity'], code: 'SOLD_OUT', message: 'This pool is sold out.' },
      ]),
    );

    const state = await a.gql(POOL, { id: poolId });
    expect(state.data.pool).toMatchObject({
      status: 'SOLD_OUT',
      committedQuantity: 50,
      participantCount: 50,
      remainingQuantity: 0,
    });
    const stored = await rows(
      a.databaseUrl,
      `SELECT count(*)::int AS members, sum(quantity)::int AS units FROM pool_memberships m
         JOIN pools p ON p.id = m.pool_id WHERE p.committed = 50 AND p.member_count = 50`,
    );
    expect(stored).toEqual([{ members: 50, units: 50 }]);
  });

  it('announces a burst of joins in a few merged events, at most one per instance and window', async () => {
    const poolId = await openPool(500);
    const people = await createUsers(a, 200, 'burst');
    const events: number[] = [];
    const topic = a.container.get(EventBus).subscribe(poolTopic(decodeGlobalId(poolId).id));
    const listening = (async () => {
      for await (const _ of topic) events.push(Date.now());
    })();
    const started = Date.now();
    const results = await joinAtOnce(poolId, people);
    const lasted = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10 * POOL_EVENT_WINDOW_MS));
    await topic[Symbol.asyncIterator]().return?.();
    void listening;

    expect(results.filter((r) => r.data?.joinPool?.userErrors.length !== 0)).toEqual([]);
    // Per instance: the first change at once, then at most one event per window while the burst lasts.
    const bound = 2 * (2 + Math.ceil(lasted / POOL_EVENT_WINDOW_MS));
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(Math.min(bound, 200));
    const state = await a.gql(POOL, { id: poolId });
    expect(state.data.pool).toMatchObject({ committedQuantity: 200, participantCount: 200 });
  });

  it('applies one join once when the same request arrives many times at once', async () => {
    const poolId = await openPool(20);
    const [person] = await createUsers(a, 1, 'twin');
    const input = { poolId, quantity: 3, idempotencyKey: 'one-attempt' };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).gql(JOIN_POOL, { input }, person.token)),
    );
    for (const r of results) {
      expect(r.data.joinPool).toMatchObject({ membership: { quantity: 3 }, userErrors: [] });
    }
    const state = await b.gql(POOL, { id: poolId });
    expect(state.data.pool).toMatchObject({ committedQuantity: 3, participantCount: 1 });
  });
});
