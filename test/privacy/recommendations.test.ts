import { sql } from '../helpers/database';
import { type TestUser, createUser, addTrust } from '../helpers/factories';
import { createPool, createProduct, joinPool, placeOrder, updatePrivacy } from '../helpers/privacy-factories';
import { writeReview } from '../helpers/catalog-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { countStatements } from '../helpers/sql-counter';

/** `me { recommendedProducts }`: from the viewer's own activity and from the people the viewer trusts. */
describe('personal recommendations', () => {
  let server: TestServer;
  let db: Awaited<ReturnType<typeof sql>>;
  beforeAll(async () => {
    server = await startTestServer();
    db = await sql(server.databaseUrl);
  });
  afterAll(async () => {
    await db.close();
    await server.close();
  });

  const recommendationsFor = async (user: TestUser, first: number | null = null) => {
    const res = await server.gql(RECOMMENDED, { first }, user.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.me.recommendedProducts.map(
      (r: { product: { title: string }; reasons: string[]; usual: boolean }) => ({
        title: r.product.title,
        reasons: r.reasons,
        usual: r.usual,
      }),
    );
  };

  const setPreferences = (user: TestUser, input: Record<string, unknown>) =>
    server.gql(
      `mutation ($input: UpdatePreferencesInput!) { updatePreferences(input: $input) { userErrors { code } } }`,
      { input },
      user.token,
    );

  /** Someone with a display name of their own, and no region (so no local offers) unless given. */
  async function villager(displayName: string, region: string | null = null): Promise<TestUser> {
    const user = await createUser(server);
    await server.gql(
      `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { userErrors { code } } }`,
      { input: { displayName, region } },
      user.token,
    );
    return user;
  }

  describe('from the viewer’s own activity', () => {
    /** Each shopper lives in a region of their own, so that local offers of other tests stay out. */
    async function shopper() {
      const user = await createUser(server);
      const region = `Oberland ${user.handle}`;
      await server.gql(
        `mutation ($r: String) { updateProfile(input: { region: $r }) { userErrors { code } } }`,
        { r: region },
        user.token,
      );
      const bread = await createProduct(server, {
        title: 'Bauernbrot',
        region: 'Elsewhere',
        merchant: 'Bäckerei',
      });
      const praline = await createProduct(server, {
        title: 'Praline',
        tags: ['nuts'],
        region,
        merchant: 'Confiserie',
      });
      await createProduct(server, {
        title: 'Weißwurst',
        tags: ['meat'],
        region,
        merchant: 'Metzgerei Wagner',
      });
      for (let i = 0; i < 3; i++) await placeOrder(server.gql, user, bread);
      await placeOrder(server.gql, user, praline);
      return { user, region };
    }

    it('gives nothing without consent, however much is known', async () => {
      const { user } = await shopper();
      expect(await recommendationsFor(user)).toEqual([]);
    });

    it('with consent, recommends the usual and local offers, with readable reasons, and never an avoided tag', async () => {
      const { user, region } = await shopper();
      await updatePrivacy(server.gql, user, { personalization: true });
      await setPreferences(user, { avoidTags: ['Nuts'] });
      expect(await recommendationsFor(user)).toEqual([
        {
          title: 'Bauernbrot',
          usual: true,
          reasons: ['You have bought it 3 times: the usual. Order it again?'],
        },
        {
          title: 'Weißwurst',
          usual: false,
          reasons: [`From Metzgerei Wagner, a merchant in ${region}, where you live`],
        },
      ]);
    });

    it('stops at `first`, and not at the weekly cap of offers from shops', async () => {
      const { user } = await shopper();
      await updatePrivacy(server.gql, user, { personalization: true });
      expect(await recommendationsFor(user, 1)).toEqual([expect.objectContaining({ title: 'Bauernbrot' })]);
      const all = await recommendationsFor(user);
      expect(all.length).toBeGreaterThan(1);
      await setPreferences(user, { maxOffersPerWeek: 0 });
      expect(await recommendationsFor(user)).toEqual(all);
    });

    it('gives nothing again once consent is withdrawn', async () => {
      const { user } = await shopper();
      await updatePrivacy(server.gql, user, { personalization: true });
      expect((await recommendationsFor(user)).length).toBeGreaterThan(0);
      await updatePrivacy(server.gql, user, { personalization: false });
      expect(await recommendationsFor(user)).toEqual([]);
    });

    it('is empty on anyone else’s account', async () => {
      const { user } = await shopper();
      await updatePrivacy(server.gql, user, { personalization: true });
      const stranger = await createUser(server);
      const res = await server.gql(
        `query ($h: String!) { user(handle: $h) { recommendedProducts { reasons } } }`,
        { h: user.handle },
        stranger.token,
      );
      expect(res.data.user).toEqual({ recommendedProducts: [] });
    });
  });

  describe('from the people the viewer trusts', () => {
    it('recommends what they rated 4 or 5, the more trusted first, saying who', async () => {
      const viewer = await villager('Vera');
      const [anna, carl, dora] = [await villager('Anna'), await villager('Carl'), await villager('Dora')];
      await addTrust(db, viewer, anna, 5);
      await addTrust(db, anna, carl, 5);
      const rated = async (by: TestUser, title: string, rating: number) =>
        writeReview(server.gql, by.token, (await createProduct(server, { title })).id, { rating });
      await rated(anna, 'Alpkäse', 5);
      await rated(carl, 'Bergbrot', 4);
      await rated(dora, 'Dinkelbrot', 5);
      await rated(anna, 'Essig', 2);
      await rated(anna, 'Feigensenf', 3);
      await updatePrivacy(server.gql, viewer, { personalization: true });

      expect(await recommendationsFor(viewer)).toEqual([
        { title: 'Alpkäse', usual: false, reasons: ['Anna, whom you trust, rated it 5'] },
        { title: 'Bergbrot', usual: false, reasons: ['Carl, trusted by people you trust, rated it 4'] },
      ]);
    });

    it('recommends group buys they joined, as far as each lets the viewer see that', async () => {
      const viewer = await villager('Vera');
      const [bernd, greta, hans, ida, jo] = [
        await villager('Bernd'),
        await villager('Greta'),
        await villager('Hans'),
        await villager('Ida'),
        await villager('Jo'),
      ];
      for (const [person, level] of [
        [bernd, 5],
        [greta, 5],
        [hans, 5],
        [ida, 4],
      ] as const)
        await addTrust(db, viewer, person, level);
      await addTrust(db, bernd, viewer); // Bernd's pools are for the people he trusts (the default)
      await addTrust(db, hans, viewer);
      await updatePrivacy(server.gql, hans, { poolParticipationAudience: 'PRIVATE' });
      await updatePrivacy(server.gql, ida, { poolParticipationAudience: 'PUBLIC' });
      await updatePrivacy(server.gql, jo, { poolParticipationAudience: 'PUBLIC' });
      const joined = async (member: TestUser, title: string) =>
        joinPool(server.gql, member, await createPool(server.gql, await createProduct(server, { title })), 1);
      await joined(bernd, 'Honig');
      await joined(greta, 'Kerzen'); // Greta does not trust the viewer: her pools are hidden from them
      await joined(hans, 'Lauch'); // private
      await joined(ida, 'Milch'); // public
      await joined(jo, 'Nudeln'); // public, but the viewer does not trust Jo
      await updatePrivacy(server.gql, viewer, { personalization: true });

      expect(await recommendationsFor(viewer)).toEqual([
        { title: 'Honig', usual: false, reasons: ['Bernd, whom you trust, joined a group buy for it'] },
        { title: 'Milch', usual: false, reasons: ['Ida, whom you trust, joined a group buy for it'] },
      ]);
      await updatePrivacy(server.gql, bernd, { poolParticipationAudience: 'PRIVATE' });
      expect((await recommendationsFor(viewer)).map((r: { title: string }) => r.title)).toEqual(['Milch']);
    });

    it('never shows a product with a tag the viewer avoids, whoever speaks for it', async () => {
      const viewer = await villager('Vera');
      const [anna, bernd] = [await villager('Anna'), await villager('Bernd')];
      await addTrust(db, viewer, anna);
      await addTrust(db, viewer, bernd);
      await addTrust(db, bernd, viewer);
      const nutCake = await createProduct(server, { title: 'Nussecke', tags: ['nuts'] });
      const peanutButter = await createProduct(server, { title: 'Erdnussbutter', tags: ['Nuts', 'vegan'] });
      const bread = await createProduct(server, { title: 'Roggenbrot', tags: ['vegan'] });
      await writeReview(server.gql, anna.token, nutCake.id, { rating: 5 });
      await writeReview(server.gql, anna.token, bread.id, { rating: 5 });
      await joinPool(server.gql, bernd, await createPool(server.gql, peanutButter), 1);
      await updatePrivacy(server.gql, viewer, { personalization: true });
      await setPreferences(viewer, { avoidTags: ['nuts'] });

      expect(await recommendationsFor(viewer)).toEqual([
        { title: 'Roggenbrot', usual: false, reasons: ['Anna, whom you trust, rated it 5'] },
      ]);
    });

    it('gives nothing from them without the viewer’s consent', async () => {
      const viewer = await villager('Vera');
      const anna = await villager('Anna');
      await addTrust(db, viewer, anna);
      await writeReview(server.gql, anna.token, (await createProduct(server, { title: 'Quark' })).id, {
        rating: 5,
      });
      expect(await recommendationsFor(viewer)).toEqual([]);
      await updatePrivacy(server.gql, viewer, { personalization: true });
      expect(await recommendationsFor(viewer)).toHaveLength(1);
    });

    it('costs the same number of SQL statements for 2 recommendations as for 12', async () => {
      /** A viewer whose `n` friends each rated a product and joined a group buy of another. */
      async function network(n: number) {
        const viewer = await villager('Vera');
        for (let i = 0; i < n; i++) {
          const friend = await villager(`Friend ${i}`);
          await addTrust(db, viewer, friend);
          await addTrust(db, friend, viewer);
          await writeReview(server.gql, friend.token, (await createProduct(server)).id, { rating: 5 });
          await joinPool(server.gql, friend, await createPool(server.gql, await createProduct(server)), 1);
        }
        await updatePrivacy(server.gql, viewer, { personalization: true });
        return viewer;
      }
      const statementsFor = async (viewer: TestUser) => {
        const counter = countStatements();
        try {
          const res = await server.gql(RECOMMENDED_IN_FULL, {}, viewer.token);
          return { count: counter.take(), shown: res.data.me.recommendedProducts.length };
        } finally {
          counter.restore();
        }
      };
      const small = await statementsFor(await network(1));
      const large = await statementsFor(await network(6));
      expect(small.shown).toBe(2);
      expect(large.shown).toBe(12);
      expect(large.count).toBe(small.count);
    });
  });
});

const RECOMMENDED = `query ($first: Int) { me { recommendedProducts(first: $first) { product { title } reasons usual } } }`;
const RECOMMENDED_IN_FULL = `query { me { recommendedProducts(first: 50) {
  product { title price { amount } merchant { name } ratingSummary { average count } } reasons usual score } } }`;
