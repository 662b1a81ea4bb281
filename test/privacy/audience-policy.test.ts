import { createContext } from '../../src/core/context';
import { Database } from '../../src/core/db/database';
import { AudiencePolicy, type PrivacyArea } from '../../src/privacy/audience.policy';
import { User } from '../../src/users/user.entity';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUser, createUsers, addTrust } from '../helpers/factories';
import { updatePrivacy } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { countStatements } from '../helpers/sql-counter';

const AUDIENCES = ['PUBLIC', 'TRUST_NETWORK', 'PRIVATE'] as const;
const AREAS: Array<[PrivacyArea, string]> = [
  ['profile', 'profileAudience'],
  ['trustList', 'trustListAudience'],
  ['poolParticipation', 'poolParticipationAudience'],
  ['orderHistory', 'orderHistoryAudience'],
];

/**
 * AudiencePolicy answers the same in memory (canSee, filterVisible) and in SQL (visibleWhere), for every area,
 * audience and viewer, and batches its checks.
 */
describe('AudiencePolicy', () => {
  let server: TestServer;
  let owners: Record<string, TestUser>;
  let viewers: Record<string, TestUser | null>;
  beforeAll(async () => {
    server = await startTestServer();
    const { gql } = server;
    const friend = await createUser(server);
    const friendOfFriend = await createUser(server);
    const stranger = await createUser(server);
    const db = await sql(server.databaseUrl);
    owners = {};
    for (const audience of AUDIENCES) {
      const owner = await createUser(server);
      await updatePrivacy(gql, owner, Object.fromEntries(AREAS.map(([, setting]) => [setting, audience])));
      await addTrust(db, owner, friend);
      owners[audience] = owner;
    }
    await addTrust(db, friend, friendOfFriend);
    await db.close();
    viewers = { owner: null, friend, friendOfFriend, stranger, anonymous: null };
  });
  afterAll(() => server.close());

  const contextOf = (viewer: TestUser | null) =>
    createContext(server.container, viewer ? { id: dbId(viewer.id) } : null, 'test', '127.0.0.1');

  it.each(AREAS.map(([area]) => [area]))('agrees in memory and in SQL for %s', async (area) => {
    const policy = server.container.get(AudiencePolicy);
    const db = server.container.get(Database);
    const ownerIds = Object.values(owners).map((o) => dbId(o.id));
    const kinds = ['owner', 'friend', 'friendOfFriend', 'stranger', 'anonymous'];
    for (const kind of kinds) {
      for (const [audience, owner] of Object.entries(owners)) {
        const ctx = contextOf(kind === 'owner' ? owner : viewers[kind]);
        const inMemory = await policy.canSee(ctx, { id: dbId(owner.id) }, area);
        const { where, parameters } = policy.visibleWhere(ctx, 'u', area);
        const inSql = await db
          .repo(User)
          .createQueryBuilder('u')
          .where('u.id = :id', { id: dbId(owner.id) })
          .andWhere(where, parameters)
          .getCount();
        const expected =
          audience === 'PUBLIC' || kind === 'owner' || (audience === 'TRUST_NETWORK' && kind === 'friend');
        expect({ kind, audience, inMemory, inSql: inSql === 1 }).toEqual({
          kind,
          audience,
          inMemory: expected,
          inSql: expected,
        });
      }
      const ctx = contextOf(viewers[kind]);
      const listed = await policy.filterVisible(ctx, ownerIds, (id) => ({ id }), area);
      const { where, parameters } = policy.visibleWhere(ctx, 'u', area);
      const rows = await db
        .repo(User)
        .createQueryBuilder('u')
        .where('u.id IN (:...ids)', { ids: ownerIds })
        .andWhere(where, parameters)
        .getMany();
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(listed));
    }
  });

  it('checks 30 owners known only by id with a constant number of statements', async () => {
    const policy = server.container.get(AudiencePolicy);
    const many = await createUsers(server, 30);
    const db = await sql(server.databaseUrl);
    for (const [i, owner] of many.entries()) {
      const audience = AUDIENCES[i % 3];
      await db.query('UPDATE users SET order_history_audience = $2 WHERE id = $1', [
        dbId(owner.id),
        audience,
      ]);
      if (i % 2 === 0) await addTrust(db, owner, viewers.friend!);
    }
    await db.close();
    // PUBLIC: i % 3 = 0 (10 owners); TRUST_NETWORK and trusting the friend: i % 3 = 1 and i even (5 owners).
    const counter = countStatements();
    try {
      const visible = await policy.filterVisible(
        contextOf(viewers.friend),
        many.map((o) => dbId(o.id)),
        (id) => ({ id }),
        'orderHistory',
      );
      expect(visible.length).toBe(15);
      expect(counter.take()).toBe(2);
    } finally {
      counter.restore();
    }
  });

  it('shows nothing of an account that is gone', async () => {
    const policy = server.container.get(AudiencePolicy);
    const ctx = contextOf(viewers.friend);
    expect(await policy.canSee(ctx, { id: '00000000-0000-4000-8000-000000000000' }, 'profile')).toBe(false);
  });
});
