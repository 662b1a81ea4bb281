import { toGlobalId } from '../../src/core/relay/global-id';
import { PoolMembershipService } from '../../src/pools/pool-membership.service';
import {
  CREATE_POOL,
  inSeconds,
  JOIN_POOL,
  key,
  LEAVE_POOL,
  POOL,
  STANDARD_TIERS,
} from '../helpers/pools-factories';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, type TestServer } from '../helpers/server';
import { addTrust, createShop, createUsers, setPrivacySettings } from '../helpers/factories';
import type { TestShop, TestUser } from '../helpers/factories';
import { rows } from '../helpers/database';

describe('group-buy pools', () => {
  let server: TestServer;
  let merchant: TestUser;
  let stranger: TestUser;
  let buyers: TestUser[];
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    [merchant, stranger, ...buyers] = await createUsers(server, 10);
    shop = await createShop(server, { staff: [merchant], priceMinor: 1000, stock: 10_000 });
  });
  afterAll(() => server.close());

  const query = <T = any>(text: string, params: unknown[] = []) => rows<T>(server.databaseUrl, text, params);

  const stockOf = async (productId: string) =>
    (await query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [productId]))[0].stock;

  async function createPool(input: Record<string, unknown> = {}, token: string | null = merchant.token) {
    return server.gql(
      CREATE_POOL,
      {
        input: {
          productId: shop.product,
          tiers: STANDARD_TIERS,
          capacity: 30,
          deadline: inSeconds(3600),
          ...input,
        },
      },
      token,
    );
  }

  async function openPool(input: Record<string, unknown> = {}) {
    const res = await createPool(input);
    expect(res.data.createPool.userErrors).toEqual([]);
    return res.data.createPool.pool as { id: string };
  }

  const join = (user: TestUser, poolId: string, quantity: number, idempotencyKey = key()) =>
    server.gql(JOIN_POOL, { input: { poolId, quantity, idempotencyKey } }, user.token);
  const leave = (user: TestUser, poolId: string) => server.gql(LEAVE_POOL, { input: { poolId } }, user.token);
  const errorsOf = (res: { data: Record<string, { userErrors: unknown[] }> }) =>
    Object.values(res.data)[0].userErrors;

  describe('createPool', () => {
    it('opens a pool for staff of the merchant and reserves its capacity from the stock', async () => {
      const before = await stockOf(shop.productId);
      const deadline = inSeconds(3600);
      const res = await createPool({ deadline });
      expect(res.data.createPool).toEqual({
        pool: {
          id: expect.any(String),
          status: 'OPEN',
          capacity: 30,
          deadline: new Date(deadline).toISOString(),
          committedQuantity: 0,
          participantCount: 0,
          tippingPoint: 5,
          remainingQuantity: 30,
          currentUnitPrice: { amount: '10.00', currencyCode: 'EUR' },
          nextTier: { minQuantity: 5, unitPrice: { amount: '8.00' } },
          unitsToNextTier: 5,
          viewerMembership: null,
        },
        userErrors: [],
      });
      expect(await stockOf(shop.productId)).toBe(before - 30);
    });

    it('refuses anyone but the merchant’s staff with FORBIDDEN, and anonymous callers with UNAUTHENTICATED', async () => {
      const res = await createPool({}, stranger.token);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const anonymous = await createPool({}, null);
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('names each problem with the tiers, capacity and deadline as a userError', async () => {
      const rising = await createPool({
        tiers: [
          { minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'EUR' } },
          { minQuantity: 5, unitPrice: { amount: '9.00', currencyCode: 'EUR' } },
        ],
      });
      expect(errorsOf(rising)).toEqual([
        { field: ['input', 'tiers', '1', 'minQuantity'], code: 'INVALID', message: expect.any(String) },
        { field: ['input', 'tiers', '1', 'unitPrice'], code: 'OUT_OF_RANGE', message: expect.any(String) },
      ]);
      const atListPrice = await createPool({
        tiers: [{ minQuantity: 5, unitPrice: { amount: '10.00', currencyCode: 'EUR' } }],
      });
      expect(errorsOf(atListPrice)).toEqual([
        { field: ['input', 'tiers', '0', 'unitPrice'], code: 'OUT_OF_RANGE', message: expect.any(String) },
      ]);
      const belowTipping = await createPool({ capacity: 4 });
      expect(errorsOf(belowTipping)).toEqual([
        { field: ['input', 'capacity'], code: 'OUT_OF_RANGE', message: expect.any(String) },
        { field: ['input', 'tiers', '1', 'minQuantity'], code: 'OUT_OF_RANGE', message: expect.any(String) },
        { field: ['input', 'tiers', '2', 'minQuantity'], code: 'OUT_OF_RANGE', message: expect.any(String) },
      ]);
      const past = await createPool({
        deadline: inSeconds(-1),
        tiers: [{ minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'CHF' } }],
      });
      expect(errorsOf(past)).toEqual([
        {
          field: ['input', 'tiers', '0', 'unitPrice', 'currencyCode'],
          code: 'INVALID',
          message: 'Prices are in EUR.',
        },
        {
          field: ['input', 'deadline'],
          code: 'OUT_OF_RANGE',
          message: 'The deadline must be in the future.',
        },
      ]);
      const noTiers = await createPool({ tiers: [] });
      expect(errorsOf(noTiers)).toEqual([
        { field: ['input', 'tiers'], code: 'TOO_SHORT', message: expect.any(String) },
      ]);
    });

    it('refuses a capacity beyond the stock, and an unknown product', async () => {
      const small = await createShop(server, { staff: [merchant], stock: 12 });
      const tooMuch = await createPool({
        productId: small.product,
        capacity: 13,
        tiers: STANDARD_TIERS.slice(0, 2),
      });
      expect(errorsOf(tooMuch)).toEqual([
        {
          field: ['input', 'capacity'],
          code: 'OUT_OF_STOCK',
          message: 'The capacity is reserved from the stock, and only 12 are in stock.',
        },
      ]);
      expect(await stockOf(small.productId)).toBe(12);
      const unknown = await createPool({
        productId: toGlobalId('Product', '00000000-0000-4000-8000-000000000000'),
      });
      expect(errorsOf(unknown)).toEqual([
        { field: ['input', 'productId'], code: 'NOT_FOUND', message: 'No product with this ID.' },
      ]);
      const malformed = await createPool({ productId: 'not-an-id!' });
      expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('joinPool and leavePool', () => {
    it('lowers the price through the tiers and answers a retried join as the first did', async () => {
      const pool = await openPool();
      const first = await join(buyers[0], pool.id, 4, 'same-key');
      expect(first.data.joinPool).toEqual({
        pool: {
          id: pool.id,
          status: 'OPEN',
          committedQuantity: 4,
          participantCount: 1,
          currentUnitPrice: { amount: '10.00' },
        },
        membership: { quantity: 4 },
        userErrors: [],
      });
      const retry = await join(buyers[0], pool.id, 4, 'same-key');
      expect(retry.data.joinPool).toEqual(first.data.joinPool);
      expect(
        await query('SELECT quantity FROM pool_memberships WHERE pool_id = $1', [localOf(pool.id)]),
      ).toEqual([{ quantity: 4 }]);

      const tipped = await join(buyers[1], pool.id, 6);
      expect(tipped.data.joinPool.pool).toEqual({
        id: pool.id,
        status: 'TIPPED',
        committedQuantity: 10,
        participantCount: 2,
        currentUnitPrice: { amount: '7.00' },
      });
      const seen = await server.gql(POOL, { id: pool.id }, buyers[0].token);
      expect(seen.data.pool).toMatchObject({
        nextTier: { minQuantity: 20, unitPrice: { amount: '6.00' } },
        unitsToNextTier: 10,
        viewerMembership: { quantity: 4 },
      });
    });

    it('sets the quantity when a member joins again, and refuses a reused key with other input', async () => {
      const pool = await openPool();
      const other = await openPool();
      await join(buyers[0], pool.id, 2, 'k-1');
      const again = await join(buyers[0], pool.id, 7, 'k-2');
      expect(again.data.joinPool).toMatchObject({
        pool: { committedQuantity: 7, participantCount: 1, status: 'TIPPED' },
        membership: { quantity: 7 },
      });
      const reusedQuantity = await join(buyers[0], pool.id, 3, 'k-2');
      const reusedPool = await join(buyers[0], other.id, 7, 'k-2');
      for (const res of [reusedQuantity, reusedPool]) {
        expect(res.data.joinPool).toEqual({
          pool: null,
          membership: null,
          userErrors: [
            {
              field: ['input', 'idempotencyKey'],
              code: 'IDEMPOTENCY_KEY_REUSED',
              message: expect.any(String),
            },
          ],
        });
      }
      // The same key belongs to each user alone.
      const otherUser = await join(buyers[1], pool.id, 1, 'k-2');
      expect(otherUser.data.joinPool.userErrors).toEqual([]);
    });

    it('moves the status back and forth as members leave and rejoin around the tipping point', async () => {
      const pool = await openPool();
      await join(buyers[0], pool.id, 3);
      const tipped = await join(buyers[1], pool.id, 2);
      expect(tipped.data.joinPool.pool).toMatchObject({ status: 'TIPPED', committedQuantity: 5 });
      const left = await leave(buyers[1], pool.id);
      expect(left.data.leavePool).toEqual({
        pool: { id: pool.id, status: 'OPEN', committedQuantity: 3, participantCount: 1 },
        userErrors: [],
      });
      const back = await join(buyers[1], pool.id, 2);
      expect(back.data.joinPool.pool).toMatchObject({
        status: 'TIPPED',
        committedQuantity: 5,
        participantCount: 2,
      });
      const notMember = await leave(buyers[2], pool.id);
      expect(notMember.data.leavePool.userErrors).toEqual([
        { field: ['input', 'poolId'], code: 'NOT_FOUND', message: 'You are not a member of this pool.' },
      ]);
    });

    it('refuses a join that does not fit whole: CAPACITY_EXCEEDED, then SOLD_OUT, and lets members lower their quantity', async () => {
      const pool = await openPool({ capacity: 10, tiers: [STANDARD_TIERS[0]] });
      await join(buyers[0], pool.id, 8);
      const tooMany = await join(buyers[1], pool.id, 3);
      expect(tooMany.data.joinPool).toEqual({
        pool: null,
        membership: null,
        userErrors: [
          {
            field: ['input', 'quantity'],
            code: 'CAPACITY_EXCEEDED',
            message: 'Only 2 more units fit in this pool; you asked for 3 in all.',
          },
        ],
      });
      const full = await join(buyers[1], pool.id, 2);
      expect(full.data.joinPool.pool).toMatchObject({ status: 'SOLD_OUT', committedQuantity: 10 });
      const soldOut = await join(buyers[2], pool.id, 1);
      expect(soldOut.data.joinPool.userErrors).toEqual([
        { field: ['input', 'quantity'], code: 'SOLD_OUT', message: 'This pool is sold out.' },
      ]);
      const lower = await join(buyers[0], pool.id, 5);
      expect(lower.data.joinPool.pool).toMatchObject({ status: 'TIPPED', committedQuantity: 7 });
    });

    it('refuses bad input: an unknown pool, quantity 0 or above the capacity, a malformed ID, no token', async () => {
      const pool = await openPool({ capacity: 10, tiers: [STANDARD_TIERS[0]] });
      const unknownPool = toGlobalId('GroupBuyPool', '00000000-0000-4000-8000-000000000000');
      const notFound = { field: ['input', 'poolId'], code: 'NOT_FOUND', message: 'No pool with this ID.' };
      expect(errorsOf(await join(buyers[0], unknownPool, 1))).toEqual([notFound]);
      expect(errorsOf(await join(buyers[0], shop.product, 1))).toEqual([notFound]);
      expect(errorsOf(await leave(buyers[0], unknownPool))).toEqual([notFound]);
      expect(errorsOf(await join(buyers[0], pool.id, 0))).toEqual([
        { field: ['input', 'quantity'], code: 'OUT_OF_RANGE', message: 'Join with at least 1 unit.' },
      ]);
      expect(errorsOf(await join(buyers[0], pool.id, 11))).toEqual([
        {
          field: ['input', 'quantity'],
          code: 'OUT_OF_RANGE',
          message: 'That is more than the whole pool holds.',
        },
      ]);
      expect(errorsOf(await join(buyers[0], pool.id, 1, ''))).toEqual([
        { field: ['input', 'idempotencyKey'], code: 'TOO_SHORT', message: expect.any(String) },
      ]);
      expect((await join(buyers[0], 'x', 1)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const anonymous = await server.gql(JOIN_POOL, {
        input: { poolId: pool.id, quantity: 1, idempotencyKey: key() },
      });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await query('SELECT * FROM pool_memberships WHERE pool_id = $1', [localOf(pool.id)])).toEqual(
        [],
      );
    });

    it('refuses joins and leaves once the deadline has passed, even before the close job ran', async () => {
      const pool = await openPool();
      await join(buyers[0], pool.id, 6);
      // The deadline passes; no job has closed the pool yet (its job is still due in an hour).
      await query(`UPDATE pools SET deadline = now() - interval '1 second' WHERE id = $1`, [
        localOf(pool.id),
      ]);
      const deadlinePassed = [
        { field: ['input', 'poolId'], code: 'DEADLINE_PASSED', message: 'This pool’s deadline has passed.' },
      ];
      expect(errorsOf(await join(buyers[1], pool.id, 1))).toEqual(deadlinePassed);
      expect(errorsOf(await join(buyers[0], pool.id, 2))).toEqual(deadlinePassed);
      expect(errorsOf(await leave(buyers[0], pool.id))).toEqual(deadlinePassed);
      const state = await server.gql(POOL, { id: pool.id });
      expect(state.data.pool).toMatchObject({ status: 'TIPPED', committedQuantity: 6, participantCount: 1 });
    });
  });

  it('takes a leaving account out of every open pool, giving back its units', async () => {
    const [leaver, stays] = await createUsers(server, 2, 'erase');
    const first = await openPool();
    const second = await openPool();
    await join(leaver, first.id, 5);
    await join(stays, first.id, 1);
    await join(leaver, second.id, 2);
    await server.container.get(PoolMembershipService).leaveAll(leaver.dbId);
    const states = await Promise.all([first, second].map((p) => server.gql(POOL, { id: p.id })));
    expect(
      states.map((s) => [s.data.pool.status, s.data.pool.committedQuantity, s.data.pool.participantCount]),
    ).toEqual([
      ['OPEN', 1, 1],
      ['OPEN', 0, 0],
    ]);
  });

  describe('cancelPool', () => {
    const CANCEL = `mutation ($input: CancelPoolInput!) { cancelPool(input: $input) { pool { id status committedQuantity } userErrors { field message code } } }`;

    it('lets staff cancel before the deadline: the stock comes back, members are told, joins are refused', async () => {
      const before = await stockOf(shop.productId);
      const pool = await openPool({ capacity: 20 });
      await join(buyers[0], pool.id, 2);
      await join(buyers[1], pool.id, 3);
      const forbidden = await server.gql(CANCEL, { input: { poolId: pool.id } }, buyers[0].token);
      expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

      const res = await server.gql(CANCEL, { input: { poolId: pool.id } }, merchant.token);
      expect(res.data.cancelPool).toEqual({
        pool: { id: pool.id, status: 'CANCELLED', committedQuantity: 5 },
        userErrors: [],
      });
      expect(await stockOf(shop.productId)).toBe(before);
      const told = await query(
        `SELECT recipient_id, actor_id, kind, data FROM notifications
          WHERE data->>'poolId' = $1 AND kind = 'POOL_CANCELLED' ORDER BY recipient_id`,
        [pool.id],
      );
      expect(told).toEqual(
        [buyers[0], buyers[1]]
          .map((b) => ({
            recipient_id: b.dbId,
            actor_id: merchant.dbId,
            kind: 'POOL_CANCELLED',
            data: { poolId: pool.id, reason: 'MERCHANT' },
          }))
          .sort((a, b) => a.recipient_id.localeCompare(b.recipient_id)),
      );
      expect(errorsOf(await join(buyers[2], pool.id, 1))).toEqual([
        { field: ['input', 'poolId'], code: 'NOT_OPEN', message: 'This pool is closed.' },
      ]);
      expect(errorsOf(await leave(buyers[0], pool.id))).toEqual([
        { field: ['input', 'poolId'], code: 'NOT_OPEN', message: 'This pool is closed.' },
      ]);
      const again = await server.gql(CANCEL, { input: { poolId: pool.id } }, merchant.token);
      expect(again.data.cancelPool.userErrors).toEqual([
        { field: ['input', 'poolId'], code: 'NOT_OPEN', message: 'This pool is cancelled already.' },
      ]);
    });
  });

  describe('inviteToPool', () => {
    const INVITE = `mutation ($input: InviteToPoolInput!) { inviteToPool(input: $input) { invitedCount userErrors { field message code } } }`;

    it('lets a member invite people they trust, once each, and nobody else', async () => {
      const [inviter, friend, other] = await createUsers(server, 3, 'inv');
      await addTrust(server, inviter, friend);
      const pool = await openPool();
      const notMember = await server.gql(
        INVITE,
        { input: { poolId: pool.id, userIds: [friend.id] } },
        inviter.token,
      );
      expect(notMember.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

      await join(inviter, pool.id, 1);
      const untrusted = await server.gql(
        INVITE,
        { input: { poolId: pool.id, userIds: [friend.id, other.id] } },
        inviter.token,
      );
      expect(untrusted.data.inviteToPool).toEqual({
        invitedCount: 0,
        userErrors: [
          {
            field: ['input', 'userIds', '1'],
            code: 'NOT_TRUSTED',
            message: 'You can invite only people you trust.',
          },
        ],
      });
      const invited = await server.gql(
        INVITE,
        { input: { poolId: pool.id, userIds: [friend.id] } },
        inviter.token,
      );
      expect(invited.data.inviteToPool).toEqual({ invitedCount: 1, userErrors: [] });
      const twice = await server.gql(
        INVITE,
        { input: { poolId: pool.id, userIds: [friend.id] } },
        inviter.token,
      );
      expect(twice.data.inviteToPool).toEqual({ invitedCount: 0, userErrors: [] });
      expect(
        await query(
          `SELECT recipient_id, actor_id, kind, data FROM notifications WHERE kind = 'POOL_INVITATION'`,
        ),
      ).toEqual([
        {
          recipient_id: friend.dbId,
          actor_id: inviter.dbId,
          kind: 'POOL_INVITATION',
          data: { poolId: pool.id },
        },
      ]);
    });
  });

  describe('who is in a pool', () => {
    const PARTICIPANTS = `query ($id: ID!, $first: Int, $after: String) { pool(id: $id) { participantCount
      participants(first: $first, after: $after) { totalCount edges { quantity node { handle } } pageInfo { hasNextPage endCursor } }
      trustedParticipants { handle } } }`;

    it('lists each member only as far as their own setting allows, while the counts are always there', async () => {
      const [viewer, shown, trustsViewer, hidden, trustedHidden] = await createUsers(server, 5, 'who');
      await setPrivacySettings(server, [shown.dbId], { pool_participation_audience: 'PUBLIC' });
      await setPrivacySettings(server, [hidden.dbId], { pool_participation_audience: 'PRIVATE' });
      await setPrivacySettings(server, [trustedHidden.dbId], { pool_participation_audience: 'PRIVATE' });
      await addTrust(server, trustsViewer, viewer);
      await addTrust(server, viewer, shown, 5);
      await addTrust(server, viewer, trustsViewer, 3);
      await addTrust(server, viewer, trustedHidden, 5);
      const pool = await openPool();
      for (const [i, member] of [shown, trustsViewer, hidden, trustedHidden, viewer].entries()) {
        await join(member, pool.id, i + 1);
      }
      const res = await server.gql(PARTICIPANTS, { id: pool.id, first: 2 }, viewer.token);
      expect(res.data.pool).toEqual({
        participantCount: 5,
        participants: {
          totalCount: 5,
          edges: [
            { quantity: 1, node: { handle: shown.handle } },
            { quantity: 2, node: { handle: trustsViewer.handle } },
          ],
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
        },
        trustedParticipants: [{ handle: shown.handle }, { handle: trustsViewer.handle }],
      });
      const rest = await server.gql(
        PARTICIPANTS,
        { id: pool.id, first: 10, after: res.data.pool.participants.pageInfo.endCursor },
        viewer.token,
      );
      expect(rest.data.pool.participants.edges).toEqual([{ quantity: 5, node: { handle: viewer.handle } }]);

      const anonymous = await server.gql(PARTICIPANTS, { id: pool.id, first: 10 });
      expect(anonymous.data.pool).toMatchObject({
        participantCount: 5,
        participants: { totalCount: 5, edges: [{ quantity: 1, node: { handle: shown.handle } }] },
        trustedParticipants: [],
      });
    });
  });

  describe('pools', () => {
    const POOLS = `query ($status: [PoolStatus!], $productId: ID, $first: Int, $after: String) {
      pools(status: $status, productId: $productId, first: $first, after: $after) {
        totalCount nodes { id status viewerMembership { quantity } trustedParticipants { id } participants(first: 5) { edges { node { id } } } }
        pageInfo { hasNextPage endCursor } } }`;

    it('lists pools newest first, by status and product, with a constant number of statements', async () => {
      const own = await createShop(server, { staff: [merchant] });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await createPool({ productId: own.product });
        ids.unshift(res.data.createPool.pool.id);
      }
      await join(buyers[0], ids[0], 5);
      await join(buyers[1], ids[0], 1);
      await join(buyers[2], ids[3], 1);
      const page = await server.gql(POOLS, { productId: own.product, first: 3 }, buyers[0].token);
      expect(page.data.pools.totalCount).toBe(4);
      expect(page.data.pools.nodes.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 3));
      expect(page.data.pools.nodes[0]).toMatchObject({ status: 'TIPPED', viewerMembership: { quantity: 5 } });
      const next = await server.gql(
        POOLS,
        { productId: own.product, first: 3, after: page.data.pools.pageInfo.endCursor },
        buyers[0].token,
      );
      expect(next.data.pools.nodes.map((p: { id: string }) => p.id)).toEqual(ids.slice(3));
      const tipped = await server.gql(POOLS, { productId: own.product, status: ['TIPPED'] });
      expect(tipped.data.pools.nodes.map((p: { id: string }) => p.id)).toEqual([ids[0]]);

      const counter = countStatements();
      try {
        await server.gql(POOLS, { productId: own.product, first: 1 }, buyers[0].token);
        const one = counter.take();
        await server.gql(POOLS, { productId: own.product, first: 4 }, buyers[0].token);
        expect(counter.take()).toBe(one);
      } finally {
        counter.restore();
      }
    });
  });
});

const localOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];
