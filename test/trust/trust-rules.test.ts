import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/core/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/server';
import {
  block,
  BLOCK_USER,
  trust,
  TRUST_USER,
  UNBLOCK_USER,
  untrust,
  UNTRUST_USER,
} from '../helpers/trust-factories';
import { createUsers, type TestUser } from '../helpers/factories';

describe('trusting, untrusting and blocking', () => {
  let server: TestServer;
  let anna: TestUser;
  let bernd: TestUser;
  let clara: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    ({ anna, bernd, clara } = await createUsers(server, ['anna', 'bernd', 'clara']));
  });
  afterAll(() => server.close());

  const trusteesOf = async (viewer: TestUser) =>
    (await server.gql(TRUSTEES, { handle: viewer.handle }, viewer.token)).data.user.trustees.edges.map(
      (e: { node: { handle: string }; level: number }) => [e.node.handle, e.level],
    );

  it('trusts someone at a level and answers with that person', async () => {
    const res = await server.gql(TRUST_USER, { input: { userId: bernd.id, level: 4 } }, anna.token);
    expect(res.data.trustUser).toEqual({ user: { id: bernd.id }, userErrors: [] });
    expect(await trusteesOf(anna)).toEqual([[bernd.handle, 4]]);
  });

  it('changes the level when trusting the same person again, keeping one edge', async () => {
    await trust(server.gql, anna, clara.id, 2);
    await trust(server.gql, anna, clara.id, 5);
    expect(await trusteesOf(anna)).toEqual([
      [clara.handle, 5],
      [bernd.handle, 4],
    ]);
  });

  it('refuses levels outside 1..5 with OUT_OF_RANGE on the level', async () => {
    for (const level of [0, 6, -1]) {
      const res = await server.gql(TRUST_USER, { input: { userId: clara.id, level } }, bernd.token);
      expect(res.data.trustUser).toEqual({
        user: null,
        userErrors: [
          {
            field: ['input', 'level'],
            code: 'OUT_OF_RANGE',
            message: 'The trust level must be between 1 and 5.',
          },
        ],
      });
    }
    expect(await trusteesOf(bernd)).toEqual([]);
  });

  it('refuses an unknown user, or an ID of another type, with NOT_FOUND on userId', async () => {
    for (const userId of [toGlobalId('User', randomUUID()), toGlobalId('Product', randomUUID())]) {
      const res = await server.gql(TRUST_USER, { input: { userId, level: 3 } }, anna.token);
      expect(res.data.trustUser).toEqual({
        user: null,
        userErrors: [{ field: ['input', 'userId'], code: 'NOT_FOUND', message: 'There is no such user.' }],
      });
    }
  });

  it('refuses a malformed ID as BAD_USER_INPUT', async () => {
    const res = await server.gql(TRUST_USER, { input: { userId: 'not an id', level: 3 } }, anna.token);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses trusting or blocking oneself with SELF_REFERENCE', async () => {
    const trusted = await server.gql(TRUST_USER, { input: { userId: anna.id, level: 3 } }, anna.token);
    const blocked = await server.gql(BLOCK_USER, { input: { userId: anna.id } }, anna.token);
    for (const payload of [trusted.data.trustUser, blocked.data.blockUser]) {
      expect(payload).toEqual({
        user: null,
        userErrors: [
          {
            field: ['input', 'userId'],
            code: 'SELF_REFERENCE',
            message: 'You cannot trust or block yourself.',
          },
        ],
      });
    }
  });

  it('asks anonymous callers to sign in', async () => {
    for (const [query, input] of [
      [TRUST_USER, { userId: bernd.id, level: 3 }],
      [UNTRUST_USER, { userId: bernd.id }],
      [BLOCK_USER, { userId: bernd.id }],
      [UNBLOCK_USER, { userId: bernd.id }],
    ] as const) {
      const res = await server.gql(query, { input });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('untrusts, and untrusting someone not trusted changes nothing', async () => {
    const { dieter } = await createUsers(server, ['dieter']);
    await trust(server.gql, dieter, anna.id, 3);
    const res = await server.gql(UNTRUST_USER, { input: { userId: anna.id } }, dieter.token);
    expect(res.data.untrustUser).toEqual({ user: { id: anna.id }, userErrors: [] });
    await untrust(server.gql, dieter, anna.id);
    expect(await trusteesOf(dieter)).toEqual([]);
  });

  it('removes trust both ways on a block, and then neither may trust the other until unblocked', async () => {
    const { eva, franz } = await createUsers(server, ['eva', 'franz']);
    await trust(server.gql, eva, franz.id, 5);
    await trust(server.gql, franz, eva.id, 4);

    const res = await server.gql(BLOCK_USER, { input: { userId: franz.id } }, eva.token);
    expect(res.data.blockUser).toEqual({ user: { id: franz.id }, userErrors: [] });
    expect(await trusteesOf(eva)).toEqual([]);
    expect(await trusteesOf(franz)).toEqual([]);

    const byBlocked = await server.gql(TRUST_USER, { input: { userId: eva.id, level: 5 } }, franz.token);
    expect(byBlocked.data.trustUser).toEqual({
      user: null,
      userErrors: [
        {
          field: ['input', 'userId'],
          code: 'BLOCKED',
          message: 'This person has blocked you, so you cannot trust them.',
        },
      ],
    });
    const byBlocker = await server.gql(TRUST_USER, { input: { userId: franz.id, level: 5 } }, eva.token);
    expect(byBlocker.data.trustUser.userErrors).toEqual([
      {
        field: ['input', 'userId'],
        code: 'BLOCKED',
        message: 'You have blocked this person: unblock them before trusting them.',
      },
    ]);

    await block(server.gql, eva, franz.id); // blocking again changes nothing
    const lifted = await server.gql(UNBLOCK_USER, { input: { userId: franz.id } }, eva.token);
    expect(lifted.data.unblockUser).toEqual({ user: { id: franz.id }, userErrors: [] });
    expect(await trusteesOf(franz)).toEqual([]); // the block's removal of trust stays
    await trust(server.gql, franz, eva.id, 2);
    expect(await trusteesOf(franz)).toEqual([[eva.handle, 2]]);
  });

  it('lets only the blocker lift a block', async () => {
    const { greta, hans } = await createUsers(server, ['greta', 'hans']);
    await block(server.gql, greta, hans.id);
    await server.gql(UNBLOCK_USER, { input: { userId: greta.id } }, hans.token);
    const res = await server.gql(TRUST_USER, { input: { userId: greta.id, level: 3 } }, hans.token);
    expect(res.data.trustUser.userErrors.map((e: { code: string }) => e.code)).toEqual(['BLOCKED']);
  });

  it('keeps trust and blocks exclusive when a trust races a block', async () => {
    const { ines, jakob } = await createUsers(server, ['ines', 'jakob']);
    const results = await Promise.all([
      server.gql(TRUST_USER, { input: { userId: ines.id, level: 5 } }, jakob.token),
      server.gql(BLOCK_USER, { input: { userId: jakob.id } }, ines.token),
      server.gql(TRUST_USER, { input: { userId: ines.id, level: 4 } }, jakob.token),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await trusteesOf(jakob)).toEqual([]);
  });
});

const TRUSTEES = /* GraphQL */ `
  query Trustees($handle: String!) {
    user(handle: $handle) {
      trustees(first: 10) {
        edges {
          level
          node {
            handle
          }
        }
      }
    }
  }
`;
