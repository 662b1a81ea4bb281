import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/core/relay/global-id';
import { moleTrust } from '../../src/trust/mole-trust';
import { type LeaderSignals, rankLeaders } from '../../src/offers/opinion-leaders';
import { createProduct, writeReview } from '../helpers/catalog-factories';
import { sql } from '../helpers/database';
import {
  type TestUser,
  addBlock,
  addTrust,
  createShop,
  createUsers,
  setPrivacySettings,
} from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { loadTrustNetwork } from '../helpers/trust-factories';

jest.setTimeout(120_000);

const LEADERS = `query ($c: String!, $n: Int) { opinionLeaders(category: $c, first: $n) {
  user { handle } score reviewCount reason } }`;

describe('opinion leaders, on hand-made cases', () => {
  let server: TestServer;
  let p: Record<string, TestUser>;

  beforeAll(async () => {
    server = await startTestServer();
    p = await createUsers(server, [
      'Vera',
      'Anna',
      'Bernd',
      'Carla',
      'Kurt',
      'Dora',
      'Emil',
      'Frida',
      'Hans',
      'Xaver',
      'Yvonne',
      'Zoe',
    ]);
    const shop = await createShop(server, { staff: [p.Xaver], title: 'Bergkäse' });
    const second = await createProduct(server.gql, p.Xaver.token, shop.id, {
      title: 'Alpkäse',
      category: 'Cheese',
    });
    const honey = await createProduct(server.gql, p.Xaver.token, shop.id, {
      title: 'Honig',
      category: 'honey',
    });
    const review = (user: TestUser, productId: string) => writeReview(server.gql, user.token, productId);
    // Anna: 1 review; Bernd: 2; Carla: 1, found helpful twice (not by Xaver: staff do not vote on their own
    // products); Kurt: 1; Dora only reviews honey.
    await review(p.Anna, shop.product);
    await review(p.Bernd, shop.product);
    await review(p.Bernd, second.id);
    const carlas = await review(p.Carla, shop.product);
    await review(p.Kurt, second.id);
    await review(p.Dora, honey.id);
    for (const who of [p.Emil, p.Frida, p.Hans]) await review(who, shop.product);
    for (const voter of [p.Yvonne, p.Zoe]) {
      await server.gql(
        `mutation ($input: MarkReviewHelpfulInput!) { markReviewHelpful(input: $input) { userErrors { code } } }`,
        { input: { reviewId: carlas.id } },
        voter.token,
      );
    }
    const db = await sql(server.databaseUrl);
    // Vera trusts Anna, who trusts Bernd; Carla is trusted by three people Vera does not reach.
    await addTrust(db, p.Vera, p.Anna, 5);
    await addTrust(db, p.Anna, p.Bernd, 4);
    for (const truster of [p.Xaver, p.Yvonne, p.Zoe]) await addTrust(db, truster, p.Carla, 3);
    // In Vera's network, but hidden: Emil is not discoverable, Frida's profile is private, Vera blocked Hans.
    for (const hidden of [p.Emil, p.Frida, p.Hans]) await addTrust(db, p.Anna, hidden, 5);
    await db.close();
    await setPrivacySettings(server, [p.Emil.dbId], { discoverable: false });
    await setPrivacySettings(server, [p.Frida.dbId], { profile_audience: 'PRIVATE' });
    await addBlock(server, p.Vera, p.Hans);
  });
  afterAll(() => server.close());

  const leaders = async (viewer?: TestUser, category = 'cheese', first?: number) =>
    (await server.gql(LEADERS, { c: category, n: first }, viewer?.token)).data.opinionLeaders as Array<{
      user: { handle: string };
      score: number;
      reviewCount: number;
      reason: string;
    }>;

  it('ranks the viewer’s trust network first, with reasons, and leaves out the hidden and the viewer', async () => {
    const list = await leaders(p.Vera);
    expect(list.map((l) => [l.user.handle, l.reviewCount, l.reason])).toEqual([
      [p.Anna.handle, 1, 'You trust Anna; 1 review in cheese.'],
      [
        p.Bernd.handle,
        2,
        'Bernd is trusted through your network (by 1 person you reach); 2 reviews in cheese.',
      ],
      [p.Carla.handle, 1, 'Trusted by 3 people; 1 review in cheese, found helpful 2 times.'],
      [p.Kurt.handle, 1, 'Trusted by 0 people; 1 review in cheese.'],
    ]);
    expect(list[0].score).toBeGreaterThan(list[1].score);
    expect(list[1].score).toBeGreaterThanOrEqual(1);
    expect(list[2].score).toBeLessThan(1);
    expect(list[2].score).toBeGreaterThan(list[3].score);
  });

  it('ranks anonymous viewers by trusters and helpful votes, and a private profile stays out', async () => {
    const list = await leaders(undefined, 'CHEESE');
    expect(list.map((l) => l.user.handle)).toEqual([
      p.Carla.handle,
      // Trusted by one each: Bernd has more reviews; Hans, whom nobody blocked for this viewer, is back.
      ...[p.Bernd, p.Hans, p.Anna]
        .sort((a, b) => (a === p.Bernd ? -1 : b === p.Bernd ? 1 : a.dbId < b.dbId ? -1 : 1))
        .map((u) => u.handle),
      p.Kurt.handle,
    ]);
    expect(list.every((l) => l.score < 1)).toBe(true);
    expect(await leaders(undefined, 'honey')).toEqual([
      expect.objectContaining({ user: { handle: p.Dora.handle }, reviewCount: 1 }),
    ]);
    expect(await leaders(p.Vera, 'nothing here')).toEqual([]);
    expect((await leaders(p.Vera, 'cheese', 2)).map((l) => l.user.handle)).toEqual([
      p.Anna.handle,
      p.Bernd.handle,
    ]);
  });
});

describe('opinion leaders, on FilmTrust', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('ranks as the reference propagated trust says, for the best-connected viewers', async () => {
    const network = await loadTrustNetwork(server.databaseUrl, server.container, 'filmtrust');
    const [owner] = await createUsers(server, 1, 'cinema');
    const shop = await createShop(server, { staff: [owner] });
    // The first 60 films as products of one category; each rating by a member of the network a review.
    const films = new Map<number, string>();
    const reviews: Array<{ author: string; film: number; rating: number }> = [];
    const text = gunzipSync(
      readFileSync(join(__dirname, '..', 'fixtures', 'filmtrust', 'ratings.txt.gz')),
    ).toString();
    for (const line of text.split('\n')) {
      const [user, film, rating] = line.trim().split(/\s+/).map(Number);
      const author = network.ids.get(user);
      if (!author || !(film <= 60)) continue;
      if (!films.has(film)) films.set(film, randomUUID());
      reviews.push({ author, film, rating: Math.max(1, Math.min(5, Math.round((rating * 5) / 4))) });
    }
    const db = await sql(server.databaseUrl);
    await db.query(
      `INSERT INTO products (id, merchant_id, title, category, price_minor, currency, stock)
       SELECT id, $2, 'Film ' || n, 'Film', 500, 'EUR', 10 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [[...films.values()], shop.dbId],
    );
    await db.query(
      `INSERT INTO reviews (product_id, author_id, rating, title, body)
       SELECT p, a, r, 'Film', '' FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(p, a, r)`,
      [reviews.map((r) => films.get(r.film)), reviews.map((r) => r.author), reviews.map((r) => r.rating)],
    );
    await db.close();

    const reviewCount = new Map<string, number>();
    for (const r of reviews) reviewCount.set(r.author, (reviewCount.get(r.author) ?? 0) + 1);
    const trustersOf = new Map<string, string[]>();
    for (const e of network.edges) trustersOf.set(e.to, [...(trustersOf.get(e.to) ?? []), e.from]);
    const outDegree = new Map<string, number>();
    for (const e of network.edges) outDegree.set(e.from, (outDegree.get(e.from) ?? 0) + 1);
    const viewers = [...outDegree]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([id]) => id);
    expect(reviewCount.size).toBeGreaterThan(100);

    for (const viewer of viewers) {
      const reach = moleTrust(viewer, network.edges);
      const signals: LeaderSignals[] = [...reviewCount]
        .filter(([id]) => id !== viewer)
        .map(([id, count]) => {
          const trusters = trustersOf.get(id) ?? [];
          return {
            userId: id,
            name: 'x',
            reviewCount: count,
            helpfulVotes: 0,
            trusterCount: trusters.length,
            trust: reach.get(id) ?? null,
            direct: trusters.includes(viewer),
            reachedTrusters: trusters.filter((t) => reach.has(t)).length,
          };
        });
      const expected = rankLeaders(signals, 'Film', 50);
      const res = await server.gql(
        `query ($n: Int) { opinionLeaders(category: "film", first: $n) { user { id } score reviewCount } }`,
        { n: 50 },
        network.tokenFor(viewer),
      );
      const got = res.data.opinionLeaders as Array<{
        user: { id: string };
        score: number;
        reviewCount: number;
      }>;
      expect(got.map((l) => l.score)).toEqual(expected.map((l) => expect.closeTo(l.score, 6)));
      const expectedScore = new Map(signals.map((s) => [toGlobalId('User', s.userId), s]));
      for (const leader of got) {
        const s = expectedScore.get(leader.user.id)!;
        expect(leader.reviewCount).toBe(s.reviewCount);
      }
      // The viewer's network leads: the top of the list is people the viewer reaches or whose trusters they reach.
      const inNetwork = signals.filter((s) => s.trust !== null || s.reachedTrusters > 0).length;
      expect(inNetwork).toBeGreaterThan(5);
      expect(got.slice(0, Math.min(inNetwork, 50)).every((l) => l.score >= 1)).toBe(true);
    }
  });
});
