import { sql } from '../helpers/database';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, type TestServer } from '../helpers/server';
import { trustAll } from '../helpers/trust-factories';
import { createUsers, type TestUser, setPrivacySettings } from '../helpers/factories';

describe('trust lists', () => {
  let server: TestServer;
  let u: Record<string, TestUser>;

  // Owner o trusts p1..p5 (levels 1..5, in that order) and is trusted by t1 and p1; o trusts p1, so p1 may see
  // o's lists under the default audience (TRUST_NETWORK); the stranger s may not.
  beforeAll(async () => {
    server = await startTestServer();
    u = await createUsers(server, ['o', 'p1', 'p2', 'p3', 'p4', 'p5', 't1', 's']);
    await trustAll(server.gql, u, [
      ['o', 'p1', 1],
      ['o', 'p2', 2],
      ['o', 'p3', 3],
      ['o', 'p4', 4],
      ['o', 'p5', 5],
      ['t1', 'o', 3],
      ['p1', 'o', 4],
      ['s', 'p2', 5],
      ['s', 'p4', 2],
    ]);
  });
  afterAll(() => server.close());

  const listsOf = async (owner: TestUser, viewer: TestUser | null, args: Record<string, unknown> = {}) => {
    const res = await server.gql(LISTS, { handle: owner.handle, ...args }, viewer?.token);
    expect(res.errors).toBeUndefined();
    return res.data.user;
  };
  const names = (connection: { edges: Array<{ node: { displayName: string }; level: number }> }) =>
    connection.edges.map((e) => `${e.node.displayName}:${e.level}`);

  it('shows the owner their own lists, newest first, with levels and counts', async () => {
    const lists = await listsOf(u.o, u.o);
    expect(names(lists.trustees)).toEqual(['p5:5', 'p4:4', 'p3:3', 'p2:2', 'p1:1']);
    expect(names(lists.trusters)).toEqual(['p1:4', 't1:3']);
    expect([lists.trustees.totalCount, lists.trusters.totalCount]).toEqual([5, 2]);
    expect([lists.trusteeCount, lists.trusterCount]).toEqual([5, 2]);
  });

  it('shows the lists to people the owner trusts, and empty lists to others, by default', async () => {
    expect(names((await listsOf(u.o, u.p1)).trustees)).toEqual(['p5:5', 'p4:4', 'p3:3', 'p2:2', 'p1:1']);
    for (const viewer of [u.t1, u.s, null]) {
      const lists = await listsOf(u.o, viewer);
      expect(lists).toEqual({
        trusteeCount: 5,
        trusterCount: 2,
        trustees: { edges: [], totalCount: 0, pageInfo: EMPTY_PAGE },
        trusters: { edges: [], totalCount: 0, pageInfo: EMPTY_PAGE },
        mutualTrustees: { edges: [], totalCount: 0, pageInfo: EMPTY_PAGE },
      });
    }
  });

  it('follows the owner’s audience: PUBLIC shows everyone, PRIVATE only the owner', async () => {
    await setPrivacySettings(server, [u.o.dbId, u.p1.dbId, u.t1.dbId], { trust_list_audience: 'PUBLIC' });
    expect(names((await listsOf(u.o, null)).trusters)).toEqual(['p1:4', 't1:3']);
    await setPrivacySettings(server, [u.p1.dbId, u.t1.dbId], { trust_list_audience: 'TRUST_NETWORK' });
    await setPrivacySettings(server, [u.o.dbId], { trust_list_audience: 'PRIVATE' });
    expect((await listsOf(u.o, u.p1)).trustees.edges).toEqual([]);
    expect(names((await listsOf(u.o, u.o)).trustees)).toHaveLength(5);
    await setPrivacySettings(server, [u.o.dbId], { trust_list_audience: 'TRUST_NETWORK' });
  });

  it('shows a truster only where the truster’s own audience admits the viewer, counting only those', async () => {
    await setPrivacySettings(server, [u.o.dbId, u.t1.dbId], { trust_list_audience: 'PUBLIC' });
    // p1's list is TRUST_NETWORK: p1 trusts o, so o sees p1's edge; the stranger and anonymous do not.
    for (const viewer of [u.s, null]) {
      const { trusters, trusterCount } = await listsOf(u.o, viewer);
      expect([names(trusters), trusters.totalCount, trusterCount]).toEqual([['t1:3'], 1, 2]);
    }
    expect(names((await listsOf(u.o, u.o)).trusters)).toEqual(['p1:4', 't1:3']);
    await setPrivacySettings(server, [u.p1.dbId], { trust_list_audience: 'PRIVATE' });
    expect(names((await listsOf(u.o, u.o)).trusters)).toEqual(['t1:3']);
    expect(names((await listsOf(u.o, u.p1)).trusters)).toEqual(['p1:4', 't1:3']);
    await setPrivacySettings(server, [u.o.dbId, u.p1.dbId, u.t1.dbId], {
      trust_list_audience: 'TRUST_NETWORK',
    });
  });

  it('lists the people both the owner and the viewer trust, with the owner’s level', async () => {
    await setPrivacySettings(server, [u.o.dbId], { trust_list_audience: 'PUBLIC' });
    const lists = await listsOf(u.o, u.s);
    expect(names(lists.mutualTrustees)).toEqual(['p4:4', 'p2:2']);
    expect(lists.mutualTrustees.totalCount).toBe(2);
    expect((await listsOf(u.o, null)).mutualTrustees.edges).toEqual([]);
    await setPrivacySettings(server, [u.o.dbId], { trust_list_audience: 'TRUST_NETWORK' });
  });

  it('pages forward with first/after and backward with last/before', async () => {
    const page1 = (await listsOf(u.o, u.o, { first: 2 })).trustees;
    expect(names(page1)).toEqual(['p5:5', 'p4:4']);
    expect(page1.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page1.edges[0].cursor,
      endCursor: page1.edges[1].cursor,
    });
    const page2 = (await listsOf(u.o, u.o, { first: 2, after: page1.pageInfo.endCursor })).trustees;
    expect(names(page2)).toEqual(['p3:3', 'p2:2']);
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
    const page3 = (await listsOf(u.o, u.o, { first: 2, after: page2.pageInfo.endCursor })).trustees;
    expect(names(page3)).toEqual(['p1:1']);
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const last = (await listsOf(u.o, u.o, { last: 2 })).trustees;
    expect(names(last)).toEqual(['p2:2', 'p1:1']);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = (await listsOf(u.o, u.o, { last: 2, before: last.pageInfo.startCursor })).trustees;
    expect(names(before)).toEqual(['p4:4', 'p3:3']);
  });

  it('refuses a page size over 100 and a cursor from elsewhere as BAD_USER_INPUT', async () => {
    for (const args of [{ first: 101 }, { first: 2, after: 'bm90LWEtY3Vyc29y' }]) {
      const res = await server.gql(LISTS, { handle: u.o.handle, ...args }, u.o.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('pages the lists of many users in a constant number of SQL statements', async () => {
    const many = Object.values(
      await createUsers(
        server,
        Array.from({ length: 30 }, (_, i) => `m${i}`),
      ),
    );
    const db = await sql(server.databaseUrl);
    try {
      // each trusts p1..p3; every other one also trusts o (the viewer), which opens its lists to o
      await db.query(
        `INSERT INTO trust_edges (truster_id, trustee_id, level)
         SELECT m, p, 3 FROM unnest($1::uuid[]) AS m, unnest($2::uuid[]) AS p`,
        [many.map((m) => m.dbId), [u.p1.dbId, u.p2.dbId, u.p3.dbId]],
      );
      await db.query(
        `INSERT INTO trust_edges (truster_id, trustee_id, level) SELECT m, $2, 4 FROM unnest($1::uuid[]) AS m`,
        [many.filter((_, i) => i % 2 === 0).map((m) => m.dbId), u.o.dbId],
      );
    } finally {
      await db.close();
    }
    const ask = async (owners: TestUser[]) => {
      const statements = countStatements();
      try {
        const res = await server.gql(MANY_LISTS, { ids: owners.map((x) => x.id) }, u.o.token);
        expect(res.errors).toBeUndefined();
        expect(res.data.nodes[0].trustees.totalCount).toBe(4);
        return statements.take();
      } finally {
        statements.restore();
      }
    };
    expect(await ask(many)).toBe(await ask(many.slice(0, 4)));
  });
});

const EMPTY_PAGE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

const LISTS = /* GraphQL */ `
  query Lists($handle: String!, $first: Int, $after: String, $last: Int, $before: String) {
    user(handle: $handle) {
      trusteeCount
      trusterCount
      trustees(first: $first, after: $after, last: $last, before: $before) {
        ...List
      }
      trusters {
        ...List
      }
      mutualTrustees {
        ...List
      }
    }
  }
  fragment List on UserTrustConnection {
    totalCount
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
    edges {
      cursor
      level
      node {
        displayName
      }
    }
  }
`;

const MANY_LISTS = /* GraphQL */ `
  query ManyLists($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on User {
        trusteeCount
        trustees(first: 3) {
          totalCount
          edges {
            level
            node {
              handle
              trusterCount
            }
          }
        }
        mutualTrustees(first: 2) {
          totalCount
          nodes {
            handle
          }
        }
      }
    }
  }
`;
