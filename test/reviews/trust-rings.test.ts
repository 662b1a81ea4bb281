import { setTimeout as sleep } from 'node:timers/promises';
import { createMerchantWithProduct, writeReview } from '../helpers/catalog-factories';
import { addBlock, addTrust, createUsers, setPrivacySettings, type TestUser } from '../helpers/factories';
import { updatePrivacy } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { countStatements } from '../helpers/sql-counter';
import { trust, untrust } from '../helpers/trust-factories';

const PAGE = `query($id: ID!) {
  product(id: $id) { trustedRating { basedOn } reviews(first: 10) { nodes { title viewerTrust } } }
}`;

/**
 * Each instance keeps a viewer's trust rings 1 and 2 in memory for the personal fields of product pages. What
 * they show must never go stale: a change on the same instance shows in its very next answer, one on another
 * instance as soon as its event arrives, and a block or a trustee's trust list is checked in every statement.
 */
describe('kept trust rings', () => {
  let a: TestServer;
  let b: TestServer;
  let u: Record<string, TestUser>;
  let productId: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ databaseUrl: a.databaseUrl });
    u = await createUsers(a, ['Vera', 'Anna', 'Clara', 'Dora', 'Owner']);
    productId = (await createMerchantWithProduct(a.gql, u.Owner.token)).product.id;
    for (const name of ['Anna', 'Clara', 'Dora'])
      await writeReview(a.gql, u[name].token, productId, { rating: 4, title: name });
    await trust(a.gql, u.Vera, u.Anna.id, 5);
    await trust(a.gql, u.Anna, u.Clara.id, 4);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** The viewer's trust in each reviewer, by title, as `server` shows it. */
  const trustOn = async (server: TestServer): Promise<Record<string, number | null>> => {
    const res = await server.gql(PAGE, { id: productId }, u.Vera.token);
    expect(res.errors).toBeUndefined();
    return Object.fromEntries(
      res.data.product.reviews.nodes.map((r: { title: string; viewerTrust: number | null }) => [
        r.title,
        r.viewerTrust,
      ]),
    );
  };
  /** Asks `server` until it shows `expected`, for at most two seconds. */
  const eventually = async (server: TestServer, expected: Record<string, number | null>) => {
    const deadline = Date.now() + 2000;
    let seen = await trustOn(server);
    while (Date.now() < deadline && JSON.stringify(seen) !== JSON.stringify(expected)) {
      await sleep(25);
      seen = await trustOn(server);
    }
    expect(seen).toEqual(expected);
  };

  it('reads the rings once, then answers the personal fields in one statement less', async () => {
    // B learns the viewer's session version first, so that only the page is counted.
    await b.gql(`{ product(id: "${productId}") { id } }`, {}, u.Vera.token);
    const counter = countStatements();
    try {
      expect(await trustOn(b)).toEqual({ Dora: null, Clara: 0.8, Anna: 1 });
      const first = counter.take();
      expect(await trustOn(b)).toEqual({ Dora: null, Clara: 0.8, Anna: 1 });
      expect(first).toBe(3); // the product page, the rings, the trusted reviews
      expect(counter.take()).toBe(2);
    } finally {
      counter.restore();
    }
    expect(await trustOn(a)).toEqual({ Dora: null, Clara: 0.8, Anna: 1 });
  });

  it('shows a change of a trustee’s edges at once here, and on another instance as soon as its event arrives', async () => {
    await trustOn(a);
    await trustOn(b);
    await trust(a.gql, u.Anna, u.Dora.id, 5);
    expect(await trustOn(a)).toEqual({ Dora: 1, Clara: 0.8, Anna: 1 });
    await eventually(b, { Dora: 1, Clara: 0.8, Anna: 1 });

    await untrust(b.gql, u.Anna, u.Dora.id);
    expect(await trustOn(b)).toEqual({ Dora: null, Clara: 0.8, Anna: 1 });
    await eventually(a, { Dora: null, Clara: 0.8, Anna: 1 });
  });

  it('hides what a trustee’s trust list turned PRIVATE carries, on both instances', async () => {
    await trustOn(a);
    await trustOn(b);
    await updatePrivacy(a.gql, u.Anna, { trustListAudience: 'PRIVATE' });
    // One person's PRIVATE edge alone never shows.
    expect(await trustOn(a)).toEqual({ Dora: null, Clara: null, Anna: 1 });
    await eventually(b, { Dora: null, Clara: null, Anna: 1 });
    await updatePrivacy(a.gql, u.Anna, { trustListAudience: 'PUBLIC' });
    await eventually(b, { Dora: null, Clara: 0.8, Anna: 1 });
  });

  it('forgets the viewer’s own edge on both instances', async () => {
    await trustOn(b);
    await untrust(a.gql, u.Vera, u.Anna.id);
    expect(await trustOn(a)).toEqual({ Dora: null, Clara: null, Anna: null });
    await eventually(b, { Dora: null, Clara: null, Anna: null });
    await trust(b.gql, u.Vera, u.Anna.id, 5);
    expect(await trustOn(b)).toEqual({ Dora: null, Clara: 0.8, Anna: 1 });
    await eventually(a, { Dora: null, Clara: 0.8, Anna: 1 });
  });

  it('gives every reviewer the same trust as trust_in does, on a random network with PRIVATE lists and blocks', async () => {
    const people = await createUsers(a, 40, 'net');
    const shop = (await createMerchantWithProduct(a.gql, u.Owner.token)).product.id;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const from = people[Math.floor(random() * 40)];
      const to = people[Math.floor(random() * 40)];
      if (from !== to) await addTrust(a, from, to, 1 + Math.floor(random() * 5)).catch(() => undefined);
    }
    await setPrivacySettings(
      a,
      people.filter((_, i) => i % 3 === 0).map((p) => p.dbId),
      { trust_list_audience: 'PRIVATE' },
    );
    await addBlock(a, people[0], people[5]);
    for (const p of people) await writeReview(a.gql, p.token, shop, { rating: 3, title: p.id });
    // Few reviewers: trust_beyond walks from them rather than out of ring 2.
    const small = (await createMerchantWithProduct(a.gql, u.Owner.token)).product.id;
    for (const p of people.slice(20, 23))
      await writeReview(a.gql, p.token, small, { rating: 3, title: p.id });
    const byReviews = `query($id: ID!) { product(id: $id) { reviews(first: 50) { nodes { title viewerTrust } } } }`;
    const byUsers = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { viewerTrust } } }`;
    let reached = 0;
    for (const [viewer, product] of people
      .slice(0, 8)
      .flatMap((v) => [[v, shop] as const, [v, small] as const])) {
      const page = await b.gql(byReviews, { id: product }, viewer.token);
      const users = await b.gql(byUsers, { ids: people.map((p) => p.id) }, viewer.token);
      expect(page.errors).toBeUndefined();
      const fromPage = Object.fromEntries(
        page.data.product.reviews.nodes.map((r: { title: string; viewerTrust: number | null }) => [
          r.title,
          r.viewerTrust === null ? null : Number(r.viewerTrust.toFixed(9)),
        ]),
      );
      const fromTrustIn = Object.fromEntries(
        users.data.nodes.map((n: { id: string; viewerTrust: number | null }) => [
          n.id,
          n.viewerTrust === null ? null : Number(n.viewerTrust.toFixed(9)),
        ]),
      );
      for (const [id, trust] of Object.entries(fromPage)) expect([id, trust]).toEqual([id, fromTrustIn[id]]);
      reached += Object.values(fromPage).filter((t) => t !== null).length;
    }
    expect(reached).toBeGreaterThan(40);
  });
});
