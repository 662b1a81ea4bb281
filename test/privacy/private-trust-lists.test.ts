import { writeReview } from '../helpers/catalog-factories';
import { createUser, type TestUser } from '../helpers/factories';
import { createProduct, type TestProduct, updatePrivacy } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { trust } from '../helpers/trust-factories';

/**
 * A PRIVATE trust list is its owner's alone, read from either end: O trusts Z at level 2 and keeps the list
 * PRIVATE, while Z's own list is PUBLIC. Neither Z's trusters nor anything derived only from O's edge may show it
 * to a stranger, to someone O trusts, to someone who trusts only O, or to an anonymous viewer. Lists shared with
 * the owner's network (TRUST_NETWORK) propagate as before.
 *
 * The people: O trusts Z (2) and T (4); T trusts O (5); V trusts only O (5); P trusts Z (3) with a PUBLIC list;
 * S is a stranger. Z has reviewed the cheese.
 */
type Viewer = 'stranger' | 'trusted' | 'trustsOnlyO' | 'anonymous';
const VIEWERS: Viewer[] = ['stranger', 'trusted', 'trustsOnlyO', 'anonymous'];

describe('private trust lists, read from the other end', () => {
  let server: TestServer;
  let people: Record<'o' | 'z' | 't' | 'v' | 'p' | 's', TestUser>;
  let cheese: TestProduct;
  const token = (viewer: Viewer) =>
    ({ stranger: people.s.token, trusted: people.t.token, trustsOnlyO: people.v.token, anonymous: null })[
      viewer
    ];

  beforeAll(async () => {
    server = await startTestServer();
    const [o, z, t, v, p, s] = await Promise.all(
      ['o', 'z', 't', 'v', 'p', 's'].map((name) => createUser(server, { handle: `ptl_${name}` })),
    );
    people = { o, z, t, v, p, s };
    for (const [from, to, level] of [
      [p, z, 3],
      [o, z, 2],
      [o, t, 4],
      [t, o, 5],
      [v, o, 5],
    ] as const)
      await trust(server.gql, from, to.id, level);
    await updatePrivacy(server.gql, o, { trustListAudience: 'PRIVATE' });
    await updatePrivacy(server.gql, z, { trustListAudience: 'PUBLIC' });
    await updatePrivacy(server.gql, p, { trustListAudience: 'PUBLIC' });
    cheese = await createProduct(server);
    await writeReview(server.gql, z.token, cheese.id, { rating: 5 });
  });
  afterAll(() => server.close());

  async function zAs(viewer: Viewer | 'owner') {
    const res = await server.gql(
      `query ($h: String!) { user(handle: $h) {
         trusterCount trusters { totalCount edges { level node { handle } } } viewerTrust viewerTrustPath { handle }
       } }`,
      { h: people.z.handle },
      viewer === 'owner' ? people.o.token : token(viewer),
    );
    expect(res.errors).toBeUndefined();
    return res.data.user;
  }

  const edges = (...handles: Array<[string, number]>) => ({
    totalCount: handles.length,
    edges: handles.map(([handle, level]) => ({ level, node: { handle } })),
  });

  it('leaves O out of Z’s trusters for every viewer but O, with the count still public', async () => {
    for (const viewer of VIEWERS) {
      const z = await zAs(viewer);
      expect([viewer, z.trusterCount, z.trusters]).toEqual([viewer, 2, edges(['ptl_p', 3])]);
    }
    expect((await zAs('owner')).trusters).toEqual(edges(['ptl_o', 2], ['ptl_p', 3]));
  });

  it('shows no viewerTrust that only O’s private edge could give, and no path through it', async () => {
    for (const viewer of VIEWERS) {
      const z = await zAs(viewer);
      expect([viewer, z.viewerTrust, z.viewerTrustPath]).toEqual([viewer, null, null]);
    }
  });

  it('keeps the review by Z out of the trusted rating and its viewerTrust for whoever trusts only O', async () => {
    for (const viewer of VIEWERS) {
      const res = await server.gql(
        `query ($id: ID!) { product(id: $id) { trustedRating { value basedOn } reviews { nodes { viewerTrust } } } }`,
        { id: cheese.id },
        token(viewer),
      );
      expect([viewer, res.data.product]).toEqual([
        viewer,
        { trustedRating: null, reviews: { nodes: [{ viewerTrust: null }] } },
      ]);
    }
  });

  it('recommends Z to nobody through O alone', async () => {
    for (const viewer of ['trusted', 'trustsOnlyO'] as const) {
      const res = await server.gql(
        `query { me { friendRecommendations { user { handle } } } }`,
        {},
        token(viewer),
      );
      expect([viewer, res.data.me.friendRecommendations]).toEqual([viewer, []]);
    }
  });

  describe('once a second person’s private edge leads to Z as well', () => {
    let q: TestUser;
    beforeAll(async () => {
      q = await createUser(server, { handle: 'ptl_q' });
      await trust(server.gql, q, people.z.id, 4);
      await updatePrivacy(server.gql, q, { trustListAudience: 'PRIVATE' });
      await trust(server.gql, people.v, q.id, 5);
    });
    afterAll(() =>
      server.gql(
        `mutation { untrustUser(input: { userId: "${q.id}" }) { userErrors { code } } }`,
        {},
        people.v.token,
      ),
    );

    it('shows the blend of both for someone who trusts both, and still no edge of theirs', async () => {
      const z = await zAs('trustsOnlyO');
      // (1 · 0.4 + 1 · 0.8) / 2: neither person's level alone.
      expect(z.viewerTrust).toBeCloseTo(0.6, 10);
      expect(z.trusters).toEqual(edges(['ptl_p', 3]));
      expect(z.viewerTrustPath).toBeNull();
      const recs = await server.gql(
        `query { me { friendRecommendations { user { handle } mutualCount via { handle } } } }`,
        {},
        people.v.token,
      );
      expect(recs.data.me.friendRecommendations).toEqual([
        { user: { handle: 'ptl_z' }, mutualCount: 2, via: [] },
      ]);
    });
  });

  it('applies the same rule three hops away: an edge of a private list alone does not show', async () => {
    // V → R (public) → X (private) → Y: X's trust is R's public edge, Y's would be X's private level alone.
    const [r, x, y] = await Promise.all(
      ['r', 'x', 'y'].map((name) => createUser(server, { handle: `ptl_${name}` })),
    );
    await trust(server.gql, people.v, r.id, 5);
    await trust(server.gql, r, x.id, 4);
    await trust(server.gql, x, y.id, 1);
    await updatePrivacy(server.gql, r, { trustListAudience: 'PUBLIC' });
    await updatePrivacy(server.gql, x, { trustListAudience: 'PRIVATE' });
    const trustIn = async () => {
      const res = await server.gql(
        `query ($x: String!, $y: String!) { x: user(handle: $x) { viewerTrust } y: user(handle: $y) { viewerTrust } }`,
        { x: x.handle, y: y.handle },
        people.v.token,
      );
      return [res.data.x.viewerTrust, res.data.y.viewerTrust];
    };
    expect(await trustIn()).toEqual([0.8, null]);
    await updatePrivacy(server.gql, x, { trustListAudience: 'TRUST_NETWORK' });
    const [toX, toY] = await trustIn();
    expect([toX, toY]).toEqual([0.8, expect.closeTo(0.2, 10)]);
    await server.gql(
      `mutation { untrustUser(input: { userId: "${r.id}" }) { userErrors { code } } }`,
      {},
      people.v.token,
    );
  });

  describe('when O shares the list with O’s network instead (TRUST_NETWORK)', () => {
    beforeAll(() => updatePrivacy(server.gql, people.o, { trustListAudience: 'TRUST_NETWORK' }));
    afterAll(() => updatePrivacy(server.gql, people.o, { trustListAudience: 'PRIVATE' }));

    it('shows O in Z’s trusters to those O trusts only, and propagates O’s trust as a network does', async () => {
      const seen: Record<string, unknown> = {};
      for (const viewer of VIEWERS) {
        const z = await zAs(viewer);
        seen[viewer] = [
          z.trusters.edges.map((e: { node: { handle: string } }) => e.node.handle),
          z.viewerTrust,
        ];
      }
      expect(seen).toEqual({
        stranger: [['ptl_p'], null],
        trusted: [['ptl_o', 'ptl_p'], 0.4],
        trustsOnlyO: [['ptl_p'], 0.4],
        anonymous: [['ptl_p'], null],
      });
    });
  });
});
