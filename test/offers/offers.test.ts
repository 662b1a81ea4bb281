import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/core/relay/global-id';
import { type TestShop, type TestUser, createShop, createUser, createUsers } from '../helpers/factories';
import { rows, sql } from '../helpers/database';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(60_000);

describe('offers only to those who asked', () => {
  let server: TestServer;
  let staff: TestUser;
  let shop: TestShop;
  let otherShop: TestShop;

  beforeAll(async () => {
    server = await startTestServer();
    staff = await createUser(server);
    shop = await createShop(server, { staff: [staff], name: 'Hofladen Huber' });
    otherShop = await createShop(server, { staff: [staff], name: 'Metzgerei Wagner' });
  });
  afterAll(() => server.close());

  const grant = async (user: TestUser, input: { merchantId?: string; category?: string }) =>
    (await server.gql(GRANT, { input }, user.token)).data.grantOfferPermission;
  const send = async (input: Record<string, unknown>, sender = staff) => {
    const res = await server.gql(
      SEND,
      { input: { title: 'Bergkäse -20 %', body: 'Nur diese Woche.', ...input } },
      sender.token,
    );
    return res.data.sendOffer;
  };
  const offersOf = async (user: TestUser) =>
    (await server.gql(MY_OFFERS, {}, user.token)).data.me.offers.nodes as Array<{
      id: string;
      title: string;
      reason: string;
      merchant: { name: string };
    }>;

  it('gives and lists permissions, each in the consent log, and refuses what names neither or both', async () => {
    const user = await createUser(server);
    const byShop = await grant(user, { merchantId: shop.id });
    expect(byShop.userErrors).toEqual([]);
    expect(byShop.permission).toEqual({
      id: expect.any(String),
      merchant: { name: 'Hofladen Huber' },
      category: null,
      createdAt: expect.any(String),
    });
    const byCategory = await grant(user, { category: 'Käse' });
    expect(byCategory.permission).toMatchObject({ merchant: null, category: 'Käse' });
    // The same permission again is the same one.
    expect((await grant(user, { category: 'käse' })).permission.id).toBe(byCategory.permission.id);
    expect((await grant(user, { merchantId: shop.id })).permission.id).toBe(byShop.permission.id);

    expect((await grant(user, {})).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'merchantId'], code: 'INVALID' }),
    ]);
    expect((await grant(user, { merchantId: shop.id, category: 'Käse' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'category'], code: 'INVALID' }),
    ]);
    expect((await grant(user, { merchantId: toGlobalId('Merchant', randomUUID()) })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'merchantId'], code: 'NOT_FOUND' }),
    ]);

    const me = await server.gql(ME_PERMISSIONS, {}, user.token);
    expect(me.data.me.offerPermissions.map((p: { id: string }) => p.id)).toEqual([
      byShop.permission.id,
      byCategory.permission.id,
    ]);
    expect(me.data.me.consentLog.nodes).toEqual([
      { setting: 'OFFERS_FOR_CATEGORY', previousValue: 'false', newValue: 'true', subject: 'Käse' },
      { setting: 'OFFERS_FROM_MERCHANT', previousValue: 'false', newValue: 'true', subject: shop.id },
    ]);
    // Nobody else reads them.
    const stranger = await createUser(server);
    const seen = await server.gql(
      `query ($h: String!) { user(handle: $h) { offerPermissions { id } offers { totalCount nodes { id } } } }`,
      { h: user.handle },
      stranger.token,
    );
    expect(seen.data.user).toEqual({ offerPermissions: [], offers: { totalCount: 0, nodes: [] } });
  });

  it('reaches only people with a matching permission, tells each why, and tells the shop how many, never who', async () => {
    const { byShop, byCategory, both, other, none } = await createUsers(server, [
      'byShop',
      'byCategory',
      'both',
      'other',
      'none',
    ]);
    const local = await createShop(server, { staff: [staff], name: 'Käserei Alpe', title: 'Alpkäse' });
    await grant(byShop, { merchantId: local.id });
    await grant(byCategory, { category: 'CHEESE' });
    await grant(both, { merchantId: local.id });
    await grant(both, { category: 'cheese' });
    await grant(other, { category: 'Honig' });

    // The product's category (cheese) unless another is given.
    const sent = await send({ merchantId: local.id, productId: local.product });
    expect(sent).toEqual({
      userErrors: [],
      deliveredCount: 3,
      offer: {
        id: expect.any(String),
        title: 'Bergkäse -20 %',
        reason:
          'Sent to 3 people who allow offers from Käserei Alpe or for cheese, within each one’s weekly limit of offers.',
        merchant: { name: 'Käserei Alpe' },
        product: { title: 'Alpkäse' },
      },
    });
    const text = JSON.stringify(sent);
    for (const person of [byShop, byCategory, both]) expect(text).not.toContain(person.handle);

    expect((await offersOf(byShop)).map((o) => o.reason)).toEqual(['You allow offers from Käserei Alpe.']);
    expect((await offersOf(byCategory)).map((o) => o.reason)).toEqual(['You allow offers for cheese.']);
    expect((await offersOf(both)).map((o) => o.reason)).toEqual([
      'You allow offers from Käserei Alpe and for cheese.',
    ]);
    expect(await offersOf(other)).toEqual([]);
    expect(await offersOf(none)).toEqual([]);

    // A category given replaces the product's: now the honey person is reached, and the shop's.
    const honey = await send({ merchantId: local.id, productId: local.product, category: 'honig' });
    expect(honey.deliveredCount).toBe(3);
    expect((await offersOf(other)).map((o) => o.reason)).toEqual(['You allow offers for honig.']);
    expect((await offersOf(byCategory)).length).toBe(1);

    // The offer arrives as a notification about the recipient's own offer, which only they fetch.
    const [offer] = await offersOf(byShop);
    const inbox = await server.gql(INBOX, {}, byShop.token);
    expect(inbox.data.me.notifications.nodes[0]).toEqual({
      kind: 'OFFER_RECEIVED',
      message: 'Käserei Alpe sends you an offer: Bergkäse -20 %.',
      subject: { __typename: 'Offer', id: (await offersOf(byShop))[0].id },
    });
    const node = `query ($id: ID!) { node(id: $id) { ... on Offer { id title reason } } }`;
    expect((await server.gql(node, { id: offer.id }, byShop.token)).data.node).toMatchObject({
      id: offer.id,
    });
    expect((await server.gql(node, { id: offer.id }, none.token)).data.node).toBeNull();
    // The shop's staff fetch the offer as sent, with its count in words.
    expect((await server.gql(node, { id: sent.offer.id }, staff.token)).data.node.reason).toMatch(
      /^Sent to 3 /,
    );
    expect((await server.gql(node, { id: sent.offer.id }, byShop.token)).data.node).toBeNull();
  });

  it('is refused to anyone but the shop’s staff, and for bad input, with userErrors naming the field', async () => {
    const outsider = await createUser(server);
    expect((await send({ merchantId: shop.id }, outsider)).userErrors).toEqual([
      {
        field: ['input', 'merchantId'],
        code: 'FORBIDDEN',
        message: 'Only the shop’s staff can send its offers.',
      },
    ]);
    expect((await send({ merchantId: shop.id, productId: otherShop.product })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'productId'], code: 'NOT_FOUND' }),
    ]);
    expect((await send({ merchantId: shop.id, title: '' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'title'] }),
    ]);
    expect(
      (await send({ merchantId: shop.id, validUntil: new Date(Date.now() - 60_000).toISOString() }))
        .userErrors,
    ).toEqual([expect.objectContaining({ field: ['input', 'validUntil'] })]);
    const anonymous = await server.gql(SEND, { input: { merchantId: shop.id, title: 't', body: 'b' } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      await rows(server.databaseUrl, 'SELECT 1 FROM offers WHERE merchant_id = $1', [shop.dbId]),
    ).toEqual([]);
  });

  it('keeps to each person’s cap over any 7 days, all shops together: 3 until set, none for null', async () => {
    const { fresh, one, unlimited } = await createUsers(server, ['fresh', 'one', 'unlimited']);
    const a = await createShop(server, { staff: [staff], name: 'Bäckerei A' });
    const b = await createShop(server, { staff: [staff], name: 'Bäckerei B' });
    for (const user of [fresh, one, unlimited]) {
      await grant(user, { merchantId: a.id });
      await grant(user, { merchantId: b.id });
    }
    const prefs = (user: TestUser, max: number | null) =>
      server.gql(
        `mutation ($m: Int) { updatePreferences(input: { maxOffersPerWeek: $m }) { preferences { maxOffersPerWeek } userErrors { field code } } }`,
        { m: max },
        user.token,
      );
    expect((await prefs(one, -1)).data.updatePreferences.userErrors).toEqual([
      { field: ['input', 'maxOffersPerWeek'], code: 'OUT_OF_RANGE' },
    ]);
    expect((await prefs(one, 1)).data.updatePreferences.preferences).toEqual({ maxOffersPerWeek: 1 });
    expect((await prefs(unlimited, null)).data.updatePreferences.preferences).toEqual({
      maxOffersPerWeek: null,
    });

    const counts: number[] = [];
    for (const merchant of [a, b, a, b, a])
      counts.push((await send({ merchantId: merchant.id })).deliveredCount);
    expect(counts).toEqual([3, 2, 2, 1, 1]);
    expect((await offersOf(fresh)).length).toBe(3);
    expect((await offersOf(one)).length).toBe(1);
    expect((await offersOf(unlimited)).length).toBe(5);

    // Once the oldest falls out of the last 7 days, one more fits.
    const db = await sql(server.databaseUrl);
    await db.query(
      `UPDATE offer_deliveries SET created_at = now() - interval '7 days 1 minute'
        WHERE id = (SELECT id FROM offer_deliveries WHERE recipient_id = $1 ORDER BY created_at LIMIT 1)`,
      [fresh.dbId],
    );
    await db.close();
    expect((await send({ merchantId: b.id })).deliveredCount).toBe(2);
    expect((await offersOf(fresh)).length).toBe(4);
    expect((await offersOf(one)).length).toBe(1);
  });

  it('never takes a person past the cap when shops send at the same moment', async () => {
    const person = await createUser(server);
    const shops = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => createShop(server, { staff: [staff], name: `Laden ${i}` })),
    );
    for (const s of shops) await grant(person, { merchantId: s.id });
    const results = await Promise.all(shops.map((s) => send({ merchantId: s.id })));
    expect(results.map((r) => r.userErrors)).toEqual(shops.map(() => []));
    expect(results.reduce((sum, r) => sum + r.deliveredCount, 0)).toBe(3);
    expect((await offersOf(person)).length).toBe(3);
  });

  it('stops offers at once when a permission is withdrawn, keeping those received', async () => {
    const person = await createUser(server);
    const bakery = await createShop(server, { staff: [staff], name: 'Bäckerei Sonne' });
    const permission = (await grant(person, { merchantId: bakery.id })).permission;
    expect((await send({ merchantId: bakery.id, title: 'Brezen' })).deliveredCount).toBe(1);

    const stranger = await createUser(server);
    const byStranger = await server.gql(REVOKE, { input: { permissionId: permission.id } }, stranger.token);
    expect(byStranger.data.revokeOfferPermission.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'permissionId'], code: 'NOT_FOUND' }),
    ]);
    const revoked = await server.gql(REVOKE, { input: { permissionId: permission.id } }, person.token);
    expect(revoked.data.revokeOfferPermission).toEqual({ userErrors: [] });
    expect((await send({ merchantId: bakery.id, title: 'Semmeln' })).deliveredCount).toBe(0);

    expect((await offersOf(person)).map((o) => o.title)).toEqual(['Brezen']);
    const me = await server.gql(ME_PERMISSIONS, {}, person.token);
    expect(me.data.me.offerPermissions).toEqual([]);
    expect(me.data.me.consentLog.nodes[0]).toEqual({
      setting: 'OFFERS_FROM_MERCHANT',
      previousValue: 'true',
      newValue: 'false',
      subject: bakery.id,
    });
    const again = await server.gql(REVOKE, { input: { permissionId: permission.id } }, person.token);
    expect(again.data.revokeOfferPermission.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
  });
});

const GRANT = `mutation ($input: GrantOfferPermissionInput!) { grantOfferPermission(input: $input) {
  permission { id merchant { name } category createdAt } userErrors { field code message } } }`;
const REVOKE = `mutation ($input: RevokeOfferPermissionInput!) { revokeOfferPermission(input: $input) {
  userErrors { field code message } } }`;
const SEND = `mutation ($input: SendOfferInput!) { sendOffer(input: $input) {
  offer { id title reason merchant { name } product { title } } deliveredCount userErrors { field code message } } }`;
const MY_OFFERS = `query { me { offers(first: 50) { totalCount nodes { id title reason merchant { name } } } } }`;
const ME_PERMISSIONS = `query { me { offerPermissions { id category merchant { name } }
  consentLog(first: 10) { nodes { setting previousValue newValue subject } } } }`;
const INBOX = `query { me { notifications(first: 5) { nodes { kind message subject { __typename id } } } } }`;
