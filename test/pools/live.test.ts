import { toGlobalId } from '../../src/core/relay/global-id';
import { createTestDatabase } from '../helpers/database';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { CREATE_POOL, inSeconds, JOIN_POOL, key } from '../helpers/pools-factories';
import { graphqlClient } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';
import { createUsers, type TestUser, createShop } from '../helpers/factories';

jest.setTimeout(60_000);

const POOL_UPDATED = `subscription ($poolId: ID!) { poolUpdated(poolId: $poolId) {
  id status committedQuantity participantCount currentUnitPrice { amount } unitsToNextTier viewerMembership { quantity } } }`;

/** Live pool updates between separate server processes (`npm run build` first), over real sockets. */
describe('poolUpdated across instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let merchant: TestUser;
  let people: TestUser[];
  let product: string;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    [a, b] = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
    [merchant, ...people] = await createUsers({ databaseUrl }, 41, 'live');
    ({ product } = await createShop({ databaseUrl }, { staff: [merchant], stock: 1000, priceMinor: 1000 }));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  async function openPool(capacity: number): Promise<string> {
    const tiers = [
      { minQuantity: 3, unitPrice: { amount: '9.00', currencyCode: 'EUR' } },
      { minQuantity: 20, unitPrice: { amount: '7.50', currencyCode: 'EUR' } },
    ];
    const res = await graphqlClient(a.url)(
      CREATE_POOL,
      { input: { productId: product, tiers, capacity, deadline: inSeconds(3600) } },
      merchant.token,
    );
    return res.data.createPool.pool.id;
  }

  const join = (server: ServerProcess, person: TestUser, poolId: string, quantity: number) =>
    graphqlClient(server.url)(
      JOIN_POOL,
      { input: { poolId, quantity, idempotencyKey: key() } },
      person.token,
    );

  it('sends the state at once, then a join made on the other instance with the new price and status', async () => {
    const poolId = await openPool(25);
    await join(a, people[0], poolId, 2);
    const socket = connectSocket(a.url, people[0].token);
    const updates = socket.subscribe(POOL_UPDATED, { poolId });
    try {
      expect((await updates.next(10_000)).data).toEqual({
        poolUpdated: {
          id: poolId,
          status: 'OPEN',
          committedQuantity: 2,
          participantCount: 1,
          currentUnitPrice: { amount: '10.00' },
          unitsToNextTier: 1,
          viewerMembership: { quantity: 2 },
        },
      });
      const res = await join(b, people[1], poolId, 1);
      expect(res.data.joinPool.userErrors).toEqual([]);
      expect((await updates.next(10_000)).data).toEqual({
        poolUpdated: {
          id: poolId,
          status: 'TIPPED',
          committedQuantity: 3,
          participantCount: 2,
          currentUnitPrice: { amount: '9.00' },
          unitsToNextTier: 17,
          viewerMembership: { quantity: 2 },
        },
      });
    } finally {
      updates.dispose();
      await socket.close();
    }
  });

  it('ends on the true final state after a burst of joins on both instances', async () => {
    const poolId = await openPool(30);
    const socket = connectSocket(b.url);
    const updates = socket.subscribe(POOL_UPDATED, { poolId });
    try {
      expect((await updates.next(10_000)).data?.poolUpdated).toMatchObject({
        committedQuantity: 0,
        status: 'OPEN',
      });
      const results = await Promise.all(people.map((p, i) => join(i % 2 ? a : b, p, poolId, 1)));
      expect(results.filter((r) => r.data.joinPool.userErrors.length === 0)).toHaveLength(30);
      const last = await updates.until((d) => d.poolUpdated.committedQuantity === 30, 15_000);
      expect(last.poolUpdated).toEqual({
        id: poolId,
        status: 'SOLD_OUT',
        committedQuantity: 30,
        participantCount: 30,
        currentUnitPrice: { amount: '7.50' },
        unitsToNextTier: null,
        viewerMembership: null,
      });
      // Nothing older follows the final state.
      await expect(updates.next(1500)).rejects.toThrow('no subscription message');
    } finally {
      updates.dispose();
      await socket.close();
    }
  });

  it('sends the final state when the merchant cancels, then completes', async () => {
    const poolId = await openPool(25);
    const socket = connectSocket(b.url);
    const statuses: string[] = [];
    let opened: () => void;
    const first = new Promise<void>((resolve) => (opened = resolve));
    const completed = new Promise<void>((resolve, reject) =>
      socket.client.subscribe<{ poolUpdated: { status: string } }>(
        { query: POOL_UPDATED, variables: { poolId } },
        {
          next: (message) => {
            statuses.push(message.data!.poolUpdated.status);
            opened();
          },
          error: reject,
          complete: resolve,
        },
      ),
    );
    try {
      await first;
      const cancelled = await graphqlClient(a.url)(
        `mutation ($input: CancelPoolInput!) { cancelPool(input: $input) { userErrors { code } } }`,
        { input: { poolId } },
        merchant.token,
      );
      expect(cancelled.data.cancelPool.userErrors).toEqual([]);
      await completed;
      expect(statuses).toEqual(['OPEN', 'CANCELLED']);
    } finally {
      await socket.close();
    }
  });

  it('refuses to watch a pool that does not exist', async () => {
    const socket = connectSocket(a.url);
    const updates = socket.subscribe(POOL_UPDATED, {
      poolId: toGlobalId('GroupBuyPool', '00000000-0000-4000-8000-000000000000'),
    });
    try {
      const message = await updates.next(10_000);
      expect(message.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    } finally {
      updates.dispose();
      await socket.close();
    }
  });
});
