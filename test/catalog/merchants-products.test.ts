import { createMerchant, createProduct } from '../helpers/catalog-factories';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { sql, dbId } from '../helpers/database';

describe('merchants and products', () => {
  let server: TestServer;
  let owner: TestUser;
  let clerk: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    [owner, clerk, stranger] = [await createUser(server), await createUser(server), await createUser(server)];
  });
  afterAll(() => server.close());

  it('opens a shop owned by its creator, with no products and an empty rating', async () => {
    const created = await server.gql(
      CREATE_MERCHANT,
      { input: { name: ' Käserei Maier ', description: 'Bergkäse since 1952.', region: 'Allgäu' } },
      owner.token,
    );
    expect(created.data.createMerchant).toEqual({
      merchant: {
        id: expect.any(String),
        name: 'Käserei Maier',
        description: 'Bergkäse since 1952.',
        region: 'Allgäu',
        viewerRole: 'OWNER',
        alliance: null,
        products: { totalCount: 0, nodes: [] },
        rating: { average: null, count: 0 },
      },
      userErrors: [],
    });
    const asStranger = await server.gql(
      `query($id: ID!) { merchant(id: $id) { name viewerRole } }`,
      { id: created.data.createMerchant.merchant.id },
      stranger.token,
    );
    expect(asStranger.data.merchant).toEqual({ name: 'Käserei Maier', viewerRole: null });
  });

  it('requires a signed-in user to open a shop and refuses an empty name', async () => {
    const anonymous = await server.gql(CREATE_MERCHANT, {
      input: { name: 'X', description: '', region: 'Allgäu' },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const empty = await server.gql(
      CREATE_MERCHANT,
      { input: { name: '  ', description: '', region: '' } },
      owner.token,
    );
    expect(empty.data.createMerchant.merchant).toBeNull();
    expect(empty.data.createMerchant.userErrors).toEqual([
      { field: ['input', 'name'], code: 'TOO_SHORT', message: 'The name cannot be empty.' },
      { field: ['input', 'region'], code: 'TOO_SHORT', message: 'The region cannot be empty.' },
    ]);
  });

  it('lets the owner add staff, who may then add and change products', async () => {
    const shop = await createMerchant(server.gql, owner.token);
    const added = await server.gql(
      ADD_STAFF,
      { input: { merchantId: shop.id, userId: clerk.id } },
      owner.token,
    );
    expect(added.data.addMerchantStaff.userErrors).toEqual([]);

    const created = await server.gql(
      CREATE_PRODUCT,
      {
        input: {
          merchantId: shop.id,
          title: 'Bergkäse',
          description: 'Twelve months in the cellar.',
          category: 'Cheese',
          tags: ['vegetarian', 'contains-milk', 'vegetarian'],
          price: { amount: '3.90', currencyCode: 'eur' },
          stock: 40,
        },
      },
      clerk.token,
    );
    expect(created.data.createProduct).toEqual({
      product: {
        id: expect.any(String),
        title: 'Bergkäse',
        description: 'Twelve months in the cellar.',
        category: 'Cheese',
        tags: ['vegetarian', 'contains-milk'],
        price: { amount: '3.90', currencyCode: 'EUR' },
        stock: 40,
        merchant: { id: shop.id },
        ratingSummary: {
          average: null,
          count: 0,
          distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: 0 })),
        },
      },
      userErrors: [],
    });

    const productId = created.data.createProduct.product.id;
    const updated = await server.gql(
      UPDATE_PRODUCT,
      { input: { productId, price: { amount: '4.20', currencyCode: 'EUR' }, stock: 35, title: null } },
      clerk.token,
    );
    expect(updated.data.updateProduct).toEqual({
      product: {
        id: productId,
        title: 'Bergkäse',
        price: { amount: '4.20', currencyCode: 'EUR' },
        stock: 35,
      },
      userErrors: [],
    });

    const removed = await server.gql(
      REMOVE_STAFF,
      { input: { merchantId: shop.id, userId: clerk.id } },
      owner.token,
    );
    expect(removed.data.removeMerchantStaff.userErrors).toEqual([]);
    const afterRemoval = await server.gql(UPDATE_PRODUCT, { input: { productId, stock: 1 } }, clerk.token);
    expect(afterRemoval.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses product changes by anyone not on the staff with FORBIDDEN, changing nothing', async () => {
    const shop = await createMerchant(server.gql, owner.token);
    const product = await createProduct(server.gql, owner.token, shop.id, { title: 'Honig', stock: 5 });

    const create = await server.gql(
      CREATE_PRODUCT,
      {
        input: {
          merchantId: shop.id,
          title: 'Fake',
          description: '',
          category: 'X',
          tags: [],
          price: { amount: '1.00', currencyCode: 'EUR' },
          stock: 1,
        },
      },
      stranger.token,
    );
    expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(create.data).toBeNull();

    const update = await server.gql(
      UPDATE_PRODUCT,
      { input: { productId: product.id, title: 'Stolen', stock: 0 } },
      stranger.token,
    );
    expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const staff = await server.gql(
      ADD_STAFF,
      { input: { merchantId: shop.id, userId: stranger.id } },
      stranger.token,
    );
    expect(staff.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const db = await sql(server.databaseUrl);
    try {
      const { rows } = await db.query('SELECT title, stock FROM products WHERE merchant_id = $1', [
        dbId(shop.id),
      ]);
      expect(rows).toEqual([{ title: 'Honig', stock: 5 }]);
      const staffRows = await db.query(
        'SELECT count(*)::int AS n FROM merchant_staff WHERE merchant_id = $1',
        [dbId(shop.id)],
      );
      expect(staffRows.rows).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('reports bad product input as userErrors naming each field', async () => {
    const shop = await createMerchant(server.gql, owner.token);
    const res = await server.gql(
      CREATE_PRODUCT,
      {
        input: {
          merchantId: shop.id,
          title: '',
          description: 'x'.repeat(5001),
          category: 'Cheese',
          tags: [],
          price: { amount: '1.00', currencyCode: 'EUR' },
          stock: -1,
        },
      },
      owner.token,
    );
    expect(res.data.createProduct.product).toBeNull();
    expect(res.data.createProduct.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.title', 'TOO_SHORT'],
      ['input.description', 'TOO_LONG'],
      ['input.stock', 'OUT_OF_RANGE'],
    ]);
    const badPrice = await server.gql(
      CREATE_PRODUCT,
      {
        input: {
          merchantId: shop.id,
          title: 'Ok',
          description: '',
          category: 'Cheese',
          tags: [],
          price: { amount: '0', currencyCode: 'EUR' },
          stock: 1,
        },
      },
      owner.token,
    );
    expect(badPrice.data.createProduct.userErrors).toEqual([
      {
        field: ['input', 'price', 'amount'],
        code: 'OUT_OF_RANGE',
        message: 'The amount must be more than zero.',
      },
    ]);
  });

  it('answers NOT_FOUND for an unknown merchant or product, and BAD_USER_INPUT for a malformed ID', async () => {
    const nowhere = Buffer.from('Merchant:00000000-0000-4000-8000-000000000000').toString('base64url');
    const res = await server.gql(
      CREATE_PRODUCT,
      {
        input: {
          merchantId: nowhere,
          title: 'Ok',
          description: '',
          category: 'Cheese',
          tags: [],
          price: { amount: '1.00', currencyCode: 'EUR' },
          stock: 1,
        },
      },
      owner.token,
    );
    expect(res.data.createProduct.userErrors).toEqual([
      { field: ['input', 'merchantId'], code: 'NOT_FOUND', message: 'There is no such merchant.' },
    ]);
    const wrongType = await server.gql(
      UPDATE_PRODUCT,
      { input: { productId: owner.id, stock: 1 } },
      owner.token,
    );
    expect(wrongType.data.updateProduct.userErrors).toEqual([
      { field: ['input', 'productId'], code: 'NOT_FOUND', message: 'There is no such product.' },
    ]);
    const malformed = await server.gql(
      UPDATE_PRODUCT,
      { input: { productId: 'nope!', stock: 1 } },
      owner.token,
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await server.gql(`query($id: ID!) { product(id: $id) { id } merchant(id: $id) { id } }`, {
      id: nowhere,
    });
    expect(missing.data).toEqual({ product: null, merchant: null });
  });

  it('fetches merchants and products by node(id:)', async () => {
    const shop = await createMerchant(server.gql, owner.token, { name: 'Node Shop' });
    const product = await createProduct(server.gql, owner.token, shop.id, { title: 'Node Product' });
    const res = await server.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Merchant { name } ... on Product { title } } }`,
      { ids: [shop.id, product.id] },
    );
    expect(res.data.nodes).toEqual([
      { id: shop.id, name: 'Node Shop' },
      { id: product.id, title: 'Node Product' },
    ]);
  });

  it('lists a shop’s products newest first, page by page', async () => {
    const shop = await createMerchant(server.gql, owner.token);
    const titles = ['A', 'B', 'C'];
    for (const title of titles) await createProduct(server.gql, owner.token, shop.id, { title });
    const first = await server.gql(MERCHANT_PRODUCTS, { id: shop.id, first: 2 });
    expect(first.data.merchant.products).toEqual({
      totalCount: 3,
      nodes: [{ title: 'C' }, { title: 'B' }],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
    });
    const second = await server.gql(MERCHANT_PRODUCTS, {
      id: shop.id,
      first: 2,
      after: first.data.merchant.products.pageInfo.endCursor,
    });
    expect(second.data.merchant.products.nodes).toEqual([{ title: 'A' }]);
    expect(second.data.merchant.products.pageInfo.hasNextPage).toBe(false);
  });
});

describe('alliances', () => {
  let server: TestServer;
  let anna: TestUser;
  let bernd: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    [anna, bernd] = [await createUser(server), await createUser(server)];
  });
  afterAll(() => server.close());

  it('founds an alliance of the region, lets local shops join and leave, and refuses other regions', async () => {
    const bakery = await createMerchant(server.gql, anna.token, { name: 'Bäckerei', region: 'Allgäu' });
    const dairy = await createMerchant(server.gql, bernd.token, { name: 'Molkerei', region: 'allgäu' });
    const faraway = await createMerchant(server.gql, bernd.token, { name: 'Fern', region: 'Chiemgau' });

    const founded = await server.gql(
      CREATE_ALLIANCE,
      { input: { merchantId: bakery.id, name: 'Allgäuer Hofläden', description: 'Together.' } },
      anna.token,
    );
    expect(founded.data.createAlliance.userErrors).toEqual([]);
    const alliance = founded.data.createAlliance.alliance;
    expect(alliance).toEqual({ id: expect.any(String), name: 'Allgäuer Hofläden', region: 'Allgäu' });

    const notOwner = await server.gql(
      JOIN_ALLIANCE,
      { input: { allianceId: alliance.id, merchantId: dairy.id } },
      anna.token,
    );
    expect(notOwner.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const joined = await server.gql(
      JOIN_ALLIANCE,
      { input: { allianceId: alliance.id, merchantId: dairy.id } },
      bernd.token,
    );
    expect(joined.data.joinAlliance).toEqual({
      merchant: { name: 'Molkerei', alliance: { name: 'Allgäuer Hofläden' } },
      userErrors: [],
    });
    const other = await server.gql(
      JOIN_ALLIANCE,
      { input: { allianceId: alliance.id, merchantId: faraway.id } },
      bernd.token,
    );
    expect(other.data.joinAlliance.userErrors).toEqual([
      {
        field: ['input', 'merchantId'],
        code: 'REGION_MISMATCH',
        message: 'Only merchants of Allgäu may join this alliance.',
      },
    ]);

    const members = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on Alliance { members { totalCount nodes { name } } } } }`,
      { id: alliance.id },
    );
    expect(members.data.node.members).toEqual({
      totalCount: 2,
      nodes: [{ name: 'Bäckerei' }, { name: 'Molkerei' }],
    });

    const left = await server.gql(LEAVE_ALLIANCE, { input: { merchantId: dairy.id } }, bernd.token);
    expect(left.data.leaveAlliance).toEqual({
      merchant: { name: 'Molkerei', alliance: null },
      userErrors: [],
    });
  });
});

const MERCHANT_FIELDS = `id name description region viewerRole alliance { id } products { totalCount nodes { id } } rating { average count }`;
const CREATE_MERCHANT = `mutation($input: CreateMerchantInput!) {
  createMerchant(input: $input) { merchant { ${MERCHANT_FIELDS} } userErrors { field message code } }
}`;
const ADD_STAFF = `mutation($input: MerchantStaffInput!) {
  addMerchantStaff(input: $input) { merchant { id } userErrors { field message code } }
}`;
const REMOVE_STAFF = `mutation($input: MerchantStaffInput!) {
  removeMerchantStaff(input: $input) { merchant { id } userErrors { field message code } }
}`;
const CREATE_PRODUCT = `mutation($input: CreateProductInput!) {
  createProduct(input: $input) {
    product {
      id title description category tags price { amount currencyCode } stock merchant { id }
      ratingSummary { average count distribution { rating count } }
    }
    userErrors { field message code }
  }
}`;
const UPDATE_PRODUCT = `mutation($input: UpdateProductInput!) {
  updateProduct(input: $input) { product { id title price { amount currencyCode } stock } userErrors { field message code } }
}`;
const MERCHANT_PRODUCTS = `query($id: ID!, $first: Int, $after: String) {
  merchant(id: $id) { products(first: $first, after: $after) { totalCount nodes { title } pageInfo { hasNextPage endCursor } } }
}`;
const CREATE_ALLIANCE = `mutation($input: CreateAllianceInput!) {
  createAlliance(input: $input) { alliance { id name region } userErrors { field message code } }
}`;
const JOIN_ALLIANCE = `mutation($input: JoinAllianceInput!) {
  joinAlliance(input: $input) { merchant { name alliance { name } } userErrors { field message code } }
}`;
const LEAVE_ALLIANCE = `mutation($input: LeaveAllianceInput!) {
  leaveAlliance(input: $input) { merchant { name alliance { name } } userErrors { field message code } }
}`;
