import { addTrust, createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { appToken, registerApp, type TestApp } from '../helpers/apps-factories';

describe('scopes of app tokens', () => {
  let server: TestServer;
  let people: Record<string, TestUser>;
  let shop: TestShop;
  let app: TestApp;

  beforeAll(async () => {
    server = await startTestServer();
    people = await createUsers(server, ['Anna', 'Ben', 'Cleo']);
    shop = await createShop(server, { staff: [people.Cleo] });
    app = await registerApp(server, people.Cleo, {
      scopes: ['pools:read', 'trust:read', 'profile:read', 'reviews:write'],
    });
    // Ben trusts Cleo; his trust list is seen by his trust network only (the default).
    await addTrust(server, people.Ben, people.Cleo);
  });
  afterAll(() => server.close());

  it('gives public data for any valid token, and FORBIDDEN with the required scope for each field beyond it', async () => {
    const { access_token } = await appToken(server, app, people.Anna, 'pools:read');
    const res = await server.gql(
      `query($id: ID!) {
         product(id: $id) { title merchant { name } trustedRating { value } }
         me { handle privacySettings { discoverable } }
       }`,
      { id: shop.product },
      access_token,
    );
    expect(res.body).toEqual(expect.objectContaining({ data: expect.anything() }));
    expect(res.status).toBe(200);
    expect(res.data.product.title).toBe('Bergkäse, 1 kg');
    expect(res.data.product.merchant.name).toBe(shop.name);
    expect(res.data.product.trustedRating).toBeNull();
    expect(res.data.me).toEqual({ handle: people.Anna.handle, privacySettings: null });
    const byPath = Object.fromEntries(res.errors!.map((e) => [e.path!.join('.'), e.extensions]));
    expect(byPath).toEqual({
      'product.trustedRating': expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'trust:read' }),
      'me.privacySettings': expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'profile:read' }),
    });
  });

  it('lets the fields through once the token has their scopes', async () => {
    const { access_token } = await appToken(server, app, people.Anna, 'pools:read trust:read profile:read');
    const res = await server.gql(
      `{ me { handle privacySettings { discoverable } trustees { totalCount } } }`,
      {},
      access_token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toEqual({
      handle: people.Anna.handle,
      privacySettings: { discoverable: true },
      trustees: { totalCount: 0 },
    });
  });

  it('needs the write scope for a mutation, and refuses the person’s own mutations to any app', async () => {
    const { access_token } = await appToken(server, app, people.Anna, 'pools:read');
    const review = await server.gql(
      `mutation($input: WriteReviewInput!) { writeReview(input: $input) { review { id } } }`,
      { input: { productId: shop.product, rating: 5, title: 'Gut', body: '' } },
      access_token,
    );
    expect(review.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'reviews:write' }),
    );
    const settings = await server.gql(
      `mutation { updatePrivacySettings(input: { discoverable: false }) { userErrors { code } } }`,
      {},
      access_token,
    );
    expect(settings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(settings.errors?.[0]?.extensions?.requiredScope).toBeUndefined();
    const writer = await appToken(server, app, people.Anna, 'reviews:write');
    const written = await server.gql(
      `mutation($input: WriteReviewInput!) { writeReview(input: $input) { review { id } userErrors { code } } }`,
      { input: { productId: shop.product, rating: 5, title: 'Gut', body: '' } },
      writer.access_token,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data.writeReview.review).toEqual({ id: expect.any(String) });
  });

  it('shows an app acting for a person no more than the person sees: privacy settings apply', async () => {
    const query = `query($handle: String!) { user(handle: $handle) { trustees { totalCount } } }`;
    const forAnna = await appToken(server, app, people.Anna, 'trust:read');
    const forCleo = await appToken(server, app, people.Cleo, 'trust:read');
    const asAnna = await server.gql(query, { handle: people.Ben.handle }, people.Anna.token);
    const appForAnna = await server.gql(query, { handle: people.Ben.handle }, forAnna.access_token);
    const appForCleo = await server.gql(query, { handle: people.Ben.handle }, forCleo.access_token);
    expect(asAnna.data.user.trustees.totalCount).toBe(0);
    expect(appForAnna.data.user.trustees.totalCount).toBe(0);
    expect(appForCleo.data.user.trustees.totalCount).toBe(1);
  });

  it('names the scope in the schema description of each field and mutation that needs one', async () => {
    const res = await server.gql(`{
      user: __type(name: "User") { fields { name description } }
      mutation: __type(name: "Mutation") { fields { name description } }
    }`);
    const describe = (type: { fields: Array<{ name: string; description: string }> }, name: string) =>
      type.fields.find((f) => f.name === name)!.description;
    expect(describe(res.data.user, 'privacySettings')).toContain('Apps need the `profile:read` scope.');
    expect(describe(res.data.user, 'trustees')).toContain('Apps need the `trust:read` scope.');
    expect(describe(res.data.mutation, 'joinPool')).toContain('Apps need the `pools:write` scope.');
    expect(describe(res.data.mutation, 'login')).toContain('Not for apps');
  });
});
