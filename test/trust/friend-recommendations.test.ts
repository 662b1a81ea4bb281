import { localId, toGlobalId } from '../../src/core/relay/global-id';
import { recommendationScore } from '../../src/trust/recommendations';
import { sql } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';
import { block, loadTrustNetwork, trust, trustAll } from '../helpers/trust-factories';
import { createUsers, type TestUser, setPrivacySettings } from '../helpers/factories';

describe('friend recommendations', () => {
  let server: TestServer;
  let u: Record<string, TestUser>;

  /**
   * Vera → Anna (5), Vera → Bernd (4); Anna → Clara (4), Anna → Dieter (2), Anna → Bernd (3), Anna → Vera (3);
   * Bernd → Clara (3), Bernd → Eva (5); Dieter → Greta (5).
   * By hand, for Vera: Clara = 1 − (1 − 1·0.8)(1 − 0.8·0.6) = 1 − 0.2 · 0.52 = 0.896 (2 in common),
   * Eva = 0.8 · 1 = 0.8, Dieter = 1 · 0.4 = 0.4. Bernd is trusted already, Vera is the viewer, Greta is 3 hops
   * away. Anna trusts Vera, so Vera may see Anna's list; Bernd does not, so he is never named.
   */
  beforeAll(async () => {
    server = await startTestServer();
    u = await createUsers(server, ['Vera', 'Anna', 'Bernd', 'Clara', 'Dieter', 'Eva', 'Greta']);
    await trustAll(server.gql, u, [
      ['Vera', 'Anna', 5],
      ['Vera', 'Bernd', 4],
      ['Anna', 'Clara', 4],
      ['Anna', 'Dieter', 2],
      ['Anna', 'Bernd', 3],
      ['Anna', 'Vera', 3],
      ['Bernd', 'Clara', 3],
      ['Bernd', 'Eva', 5],
      ['Dieter', 'Greta', 5],
    ]);
  });
  afterAll(() => server.close());

  const recommendationsOf = async (viewer: TestUser | null, first?: number) => {
    const res = await server.gql(RECOMMENDATIONS, { first }, viewer?.token);
    expect(res.errors).toBeUndefined();
    return res.data.me?.friendRecommendations.map(
      (r: { user: { displayName: string }; via: Array<{ displayName: string }> }) => ({
        ...r,
        user: r.user.displayName,
        via: r.via.map((v) => v.displayName),
      }),
    );
  };

  it('ranks people two hops away by the trust of common contacts, naming those the viewer may see', async () => {
    expect(await recommendationsOf(u.Vera)).toEqual([
      {
        user: 'Clara',
        score: expect.closeTo(0.896, 12),
        mutualCount: 2,
        via: ['Anna'],
        reason: 'Trusted by Anna and 1 other you trust.',
      },
      {
        user: 'Eva',
        score: expect.closeTo(0.8, 12),
        mutualCount: 1,
        via: [],
        reason: 'Trusted by someone you trust.',
      },
      {
        user: 'Dieter',
        score: expect.closeTo(0.4, 12),
        mutualCount: 1,
        via: ['Anna'],
        reason: 'Trusted by Anna, whom you trust.',
      },
    ]);
  });

  it('names an intermediary once their trust list opens to the viewer, strongest path first', async () => {
    await trust(server.gql, u.Bernd, u.Vera.id, 2);
    const [clara, eva] = await recommendationsOf(u.Vera);
    expect([clara.via, clara.reason]).toEqual([
      ['Anna', 'Bernd'],
      'Trusted by Anna and Bernd, whom you trust.',
    ]);
    expect([eva.via, eva.reason]).toEqual([['Bernd'], 'Trusted by Bernd, whom you trust.']);
  });

  it('names at most three intermediaries and counts the rest', async () => {
    const x = await createUsers(server, ['Vera2', 'X1', 'X2', 'X3', 'X4', 'Hans']);
    await trustAll(server.gql, x, [
      ...(['X1', 'X2', 'X3', 'X4'].flatMap((n, i) => [
        ['Vera2', n, 5 - i],
        [n, 'Hans', 5],
        [n, 'Vera2', 1],
      ]) as Array<[string, string, number]>),
    ]);
    expect(await recommendationsOf(x.Vera2)).toEqual([
      {
        user: 'Hans',
        score: 1,
        mutualCount: 4,
        via: ['X1', 'X2', 'X3'],
        reason: 'Trusted by X1, X2, X3 and 1 other you trust.',
      },
    ]);
  });

  it('returns as many as asked, refusing more than 50', async () => {
    expect((await recommendationsOf(u.Vera, 1)).map((r: { user: string }) => r.user)).toEqual(['Clara']);
    expect(await recommendationsOf(u.Vera, 0)).toEqual([]);
    for (const first of [51, -1]) {
      const res = await server.gql(RECOMMENDATIONS, { first }, u.Vera.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('is empty on anyone but the viewer, and there is no `me` for anonymous callers', async () => {
    const res = await server.gql(OTHERS, { handle: u.Vera.handle }, u.Anna.token);
    expect(res.data.user.friendRecommendations).toEqual([]);
    expect(await recommendationsOf(null)).toBeUndefined();
  });

  it('leaves out people who switched off being discoverable', async () => {
    await setPrivacySettings(server, [u.Eva.dbId], { discoverable: false });
    expect((await recommendationsOf(u.Vera)).map((r: { user: string }) => r.user)).toEqual([
      'Clara',
      'Dieter',
    ]);
    await setPrivacySettings(server, [u.Eva.dbId], { discoverable: true });
  });

  it('leaves out people blocked in either direction', async () => {
    await block(server.gql, u.Vera, u.Dieter.id);
    await block(server.gql, u.Clara, u.Vera.id);
    expect((await recommendationsOf(u.Vera)).map((r: { user: string }) => r.user)).toEqual(['Eva']);
  });
});

describe('friend recommendations on a real network (FilmTrust)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('never include the viewer, people already trusted, blocked either way or undiscoverable, and rank correctly', async () => {
    const network = await loadTrustNetwork(server.databaseUrl, server.container, 'filmtrust');
    const out = new Map<string, Map<string, number>>();
    for (const e of network.edges) {
      if (!out.has(e.from)) out.set(e.from, new Map());
      out.get(e.from)!.set(e.to, e.level);
    }
    const candidatesOf = (viewer: string) => {
      const byCandidate = new Map<string, Array<{ via: string; s: number }>>();
      for (const [p, lp] of out.get(viewer) ?? []) {
        for (const [c, lc] of out.get(p) ?? []) {
          if (c === viewer || out.get(viewer)!.has(c)) continue;
          if (!byCandidate.has(c)) byCandidate.set(c, []);
          byCandidate.get(c)!.push({ via: p, s: (lp / 5) * (lc / 5) });
        }
      }
      return byCandidate;
    };
    const viewers = [...out.keys()].sort((a, b) => out.get(b)!.size - out.get(a)!.size).slice(0, 5);

    // Each viewer blocks its strongest candidate, is blocked by its second, and its third hides itself.
    const blocks: Array<[string, string]> = [];
    const undiscoverable = new Set<string>();
    const db = await sql(server.databaseUrl);
    try {
      for (const viewer of viewers) {
        const [first, second, third] = [...candidatesOf(viewer)]
          .map(([c, paths]) => [c, recommendationScore(paths.map((p) => p.s))] as const)
          .sort((a, b) => b[1] - a[1])
          .map(([c]) => c);
        for (const [blocker, blocked] of [
          [viewer, first],
          [second, viewer],
        ]) {
          await block(server.gql, { token: network.tokenFor(blocker) }, toGlobalId('User', blocked));
          out.get(blocker)?.delete(blocked);
          out.get(blocked)?.delete(blocker);
          blocks.push([blocker, blocked]);
        }
        await db.query('UPDATE users SET discoverable = false WHERE id = $1', [third]);
        undiscoverable.add(third);
      }
    } finally {
      await db.close();
    }
    const excludedFor = (viewer: string) =>
      new Set([
        ...undiscoverable,
        ...blocks.flatMap(([a, b]) => (a === viewer ? [b] : b === viewer ? [a] : [])),
      ]);

    let named = 0;
    for (const viewer of viewers) {
      const res = await server.gql(RECOMMENDATIONS_BY_ID, { first: 50 }, network.tokenFor(viewer));
      const recs: Array<{
        user: { id: string };
        score: number;
        mutualCount: number;
        via: Array<{ id: string }>;
      }> = res.data.me.friendRecommendations;
      const candidates = candidatesOf(viewer);
      const excluded = excludedFor(viewer);
      const eligible = [...candidates].filter(([c]) => !excluded.has(c));
      expect(recs).toHaveLength(Math.min(50, eligible.length));
      const ids = recs.map((r) => r.user.id);
      expect(ids).not.toContain(toGlobalId('User', viewer));
      for (const c of [...out.get(viewer)!.keys(), ...excluded])
        expect(ids).not.toContain(toGlobalId('User', c));

      for (const rec of recs) {
        const paths = candidates.get(localId(rec.user.id, 'User')!)!;
        const visible = paths
          .filter((p) => out.get(p.via)?.has(viewer))
          .sort((a, b) => b.s - a.s || (a.via < b.via ? -1 : 1))
          .slice(0, 3);
        expect(rec).toEqual({
          user: rec.user,
          score: expect.closeTo(recommendationScore(paths.map((p) => p.s)), 12),
          mutualCount: paths.length,
          via: visible.map((p) => ({ id: toGlobalId('User', p.via) })),
        });
      }
      named += recs.filter((r) => r.via.length > 0).length;
      const scores = recs.map((r) => r.score);
      scores.slice(1).forEach((s, i) => expect(s).toBeLessThanOrEqual(scores[i] + 1e-12));
      const left = eligible.filter(([c]) => !ids.includes(toGlobalId('User', c)));
      const bestLeft = Math.max(0, ...left.map(([, paths]) => recommendationScore(paths.map((p) => p.s))));
      expect(bestLeft).toBeLessThanOrEqual(scores.at(-1)! + 1e-12);
    }
    expect(named).toBeGreaterThan(10); // the test also checks intermediaries, not only empty lists
  });
});

const RECOMMENDATIONS = /* GraphQL */ `
  query Recommendations($first: Int) {
    me {
      friendRecommendations(first: $first) {
        user {
          displayName
        }
        score
        mutualCount
        via {
          displayName
        }
        reason
      }
    }
  }
`;

const RECOMMENDATIONS_BY_ID = /* GraphQL */ `
  query RecommendationsById($first: Int) {
    me {
      friendRecommendations(first: $first) {
        user {
          id
        }
        score
        mutualCount
        via {
          id
        }
      }
    }
  }
`;

const OTHERS = /* GraphQL */ `
  query Others($handle: String!) {
    user(handle: $handle) {
      friendRecommendations {
        user {
          id
        }
      }
    }
  }
`;
