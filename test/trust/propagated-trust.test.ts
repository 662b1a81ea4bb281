import { toGlobalId } from '../../src/core/relay/global-id';
import { moleTrust } from '../../src/trust/mole-trust';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, type TestServer } from '../helpers/server';
import { block, loadTrustNetwork, trustAll } from '../helpers/trust-factories';
import { createUsers, type TestUser, setPrivacySettings } from '../helpers/factories';

describe('propagated trust (viewerTrust) and its strongest path', () => {
  let server: TestServer;
  let u: Record<string, TestUser>;

  /**
   * v → a (5), v → b (2); a → c (3), b → c (5), a → f (1), b → a (1); c → d (4), f → d (5); d → e (5).
   * Everyone on a path trusts v back (level 3), so that v may see their trust lists; that changes no trust of v's.
   *
   * By hand: t(a) = 5/5 = 1, t(b) = 2/5 = 0.4 (b → a is ignored: a is already at distance 1);
   * t(c) = (1 · 0.6 + 0.4 · 1) / (1 + 0.4) = 5/7; t(f) = (1 · 0.2) / 1 = 0.2;
   * t(d) = (5/7 · 0.8 + 0.2 · 1) / (5/7 + 0.2) = (27/35) / (32/35) = 27/32; e is 4 hops away: null.
   * Strongest paths (product of weights): c via a (0.6) over via b (0.4); d via a, c (0.48) over a, f (0.2).
   */
  beforeAll(async () => {
    server = await startTestServer();
    u = await createUsers(server, ['v', 'a', 'b', 'c', 'f', 'd', 'e', 'x']);
    await trustAll(server.gql, u, [
      ['v', 'a', 5],
      ['v', 'b', 2],
      ['a', 'c', 3],
      ['b', 'c', 5],
      ['a', 'f', 1],
      ['b', 'a', 1],
      ['c', 'd', 4],
      ['f', 'd', 5],
      ['d', 'e', 5],
      ...(['a', 'b', 'c', 'f'].map((n) => [n, 'v', 3]) as Array<[string, string, number]>),
    ]);
  });
  afterAll(() => server.close());

  const trustOf = async (viewer: TestUser | null, names: string[]) => {
    const res = await server.gql(TRUST_OF, { ids: names.map((n) => u[n].id) }, viewer?.token);
    expect(res.errors).toBeUndefined();
    return Object.fromEntries(
      res.data.nodes.map((node: { viewerTrust: number | null }, i: number) => [names[i], node.viewerTrust]),
    );
  };

  const pathsOf = async (viewer: TestUser, names: string[]) => {
    const res = await server.gql(TRUST_OF, { ids: names.map((n) => u[n].id) }, viewer.token);
    const handles = Object.fromEntries(Object.entries(u).map(([name, user]) => [user.handle, name]));
    return Object.fromEntries(
      res.data.nodes.map((node: { viewerTrustPath: Array<{ handle: string }> | null }, i: number) => [
        names[i],
        node.viewerTrustPath?.map((p) => handles[p.handle]) ?? null,
      ]),
    );
  };

  it('matches the hand-computed MoleTrust values within 3 hops, and null beyond', async () => {
    const t = await trustOf(u.v, ['a', 'b', 'c', 'f', 'd', 'e', 'x']);
    expect(t).toEqual({
      a: 1,
      b: 0.4,
      c: expect.closeTo(5 / 7, 12),
      f: 0.2,
      d: expect.closeTo(27 / 32, 12),
      e: null,
      x: null,
    });
  });

  it('is null for oneself and for anonymous viewers', async () => {
    expect(await trustOf(u.v, ['v'])).toEqual({ v: null });
    expect(await trustOf(null, ['a', 'd'])).toEqual({ a: null, d: null });
  });

  it('depends on who is asking: trust is directed', async () => {
    expect(await trustOf(u.d, ['e', 'v', 'a'])).toEqual({ e: 1, v: null, a: null });
  });

  it('gives the strongest path, as the people after the viewer', async () => {
    expect(await pathsOf(u.v, ['a', 'c', 'f', 'd', 'e'])).toEqual({
      a: ['a'],
      c: ['a', 'c'],
      f: ['a', 'f'],
      d: ['a', 'c', 'd'],
      e: null,
    });
  });

  it('leads paths only through people whose trust lists the viewer may see', async () => {
    await setPrivacySettings(server, [u.a.dbId], { trust_list_audience: 'PRIVATE' });
    expect(await pathsOf(u.v, ['a', 'c', 'f', 'd'])).toEqual({
      a: ['a'],
      c: ['b', 'c'],
      f: null,
      d: ['b', 'c', 'd'],
    });
    await setPrivacySettings(server, [u.c.dbId], { trust_list_audience: 'PRIVATE' });
    expect(await pathsOf(u.v, ['d'])).toEqual({ d: null });
    await setPrivacySettings(server, [u.a.dbId], { trust_list_audience: 'PUBLIC' });
    expect(await pathsOf(u.v, ['d'])).toEqual({ d: ['a', 'f', 'd'] });
    await setPrivacySettings(server, [u.a.dbId, u.c.dbId], { trust_list_audience: 'TRUST_NETWORK' });
  });

  it('costs a constant number of SQL statements however many users ask for it', async () => {
    const many = await createUsers(
      server,
      Array.from({ length: 50 }, (_, i) => `m${i}`),
    );
    await trustAll(server.gql, { ...u, ...many }, [
      ['d', 'm0', 5],
      ['c', 'm1', 4],
      ['a', 'm2', 3],
    ]);
    const statements = countStatements();
    try {
      const ask = async (ids: string[]) => {
        statements.take();
        const res = await server.gql(TRUST_AND_PATH, { ids }, u.v.token);
        expect(res.errors).toBeUndefined();
        return statements.take();
      };
      const few = await ask(
        Object.values(many)
          .slice(0, 5)
          .map((m) => m.id),
      );
      const all = await ask(Object.values(many).map((m) => m.id));
      expect(all).toBe(few);
      expect(all).toBeLessThanOrEqual(12);
    } finally {
      statements.restore();
    }
  });

  it('is cut by a block in either direction: the blocked neither receives nor passes trust', async () => {
    await block(server.gql, u.v, u.c.id);
    // c is gone, so d is reached through f alone: t(d) = (0.2 · 1) / 0.2 = 1.
    expect(await trustOf(u.v, ['c', 'f', 'd'])).toEqual({ c: null, f: 0.2, d: 1 });
    expect(await pathsOf(u.v, ['d'])).toEqual({ d: ['a', 'f', 'd'] });
    await block(server.gql, u.f, u.v.id);
    expect(await trustOf(u.v, ['c', 'f', 'd'])).toEqual({ c: null, f: null, d: null });
  });
});

describe('propagated trust on a real network (FilmTrust)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('agrees with the reference MoleTrust for the best-connected viewers, blocks included', async () => {
    const network = await loadTrustNetwork(server.databaseUrl, server.container, 'filmtrust');
    const outDegree = new Map<string, number>();
    for (const e of network.edges) outDegree.set(e.from, (outDegree.get(e.from) ?? 0) + 1);
    const viewers = [...outDegree]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 4)
      .map(([id]) => id);
    const everyone = [...network.ids.values()];

    const [blocker] = viewers;
    const blocked = [...moleTrust(blocker, network.edges).keys()].slice(0, 3);
    for (const id of blocked)
      await block(server.gql, { token: network.tokenFor(blocker) }, toGlobalId('User', id));
    const cut = (from: string, to: string) => from === blocker && blocked.includes(to);
    const edges = network.edges.filter((e) => !cut(e.from, e.to) && !cut(e.to, e.from));

    for (const viewer of viewers) {
      const hidden = viewer === blocker ? blocked : blocked.includes(viewer) ? [blocker] : [];
      const expected = moleTrust(viewer, edges, new Set(hidden));
      const unreached = everyone.filter((id) => id !== viewer && !expected.has(id)).slice(0, 100);
      const asked = [...expected.keys(), ...unreached];
      expect(expected.size).toBeGreaterThan(20);
      for (let i = 0; i < asked.length; i += 100) {
        const ids = asked.slice(i, i + 100);
        const res = await server.gql(
          TRUST_OF,
          { ids: ids.map((id) => toGlobalId('User', id)) },
          network.tokenFor(viewer),
        );
        const got = res.data.nodes.map((n: { viewerTrust: number | null }) => n.viewerTrust);
        expect(got).toEqual(
          ids.map((id) => (expected.has(id) ? expect.closeTo(expected.get(id)!, 12) : null)),
        );
      }
    }
  });
});

const TRUST_OF = /* GraphQL */ `
  query TrustOf($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on User {
        viewerTrust
        viewerTrustPath {
          handle
        }
      }
    }
  }
`;

const TRUST_AND_PATH = /* GraphQL */ `
  query TrustAndPath($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on User {
        handle
        viewerTrust
        viewerTrustPath {
          handle
        }
        trusteeCount
        trusterCount
      }
    }
  }
`;
